import RegistryCore

/// The checks a 简易注销 notice or an objection to it passes inside its transaction: the same in every backend.
public enum DeregistrationNoticeRules {
    /// A notice is filed for a 存续 entity other than a 个体工商户 (which needs none, 条例 第33条), not on the 经营异常名录
    /// (`listings` in force), without another notice still open on `day` (`conflict`); otherwise `invalidState`.
    public static func checkFiling(on entity: MarketEntity, listings: [AbnormalListing], notices: [DeregistrationNotice], day: CalendarDate) throws(StoreError) {
        let code = entity.code
        guard entity.status == .active else {
            throw StoreError.invalidState("\(code) is \(entity.status.display): simplified deregistration is excluded (条例 第33条; 细则 第48条)")
        }
        guard entity.type != .individual else {
            throw StoreError.invalidState("\(code) is a 个体工商户: its simplified deregistration needs no public notice (条例 第33条)")
        }
        if let listing = listings.first(where: \.isInForce) {
            throw StoreError.invalidState("\(code) is on the 经营异常名录 since \(listing.listedOn): simplified deregistration is excluded (细则 第48条)")
        }
        if let open = notices.last, open.isOpen(on: day) {
            throw StoreError.conflict("\(code) already has a notice from \(open.from) (notice \(open.id)), open until \(open.applyBy)")
        }
    }

    /// An objection is lodged once, while the notice runs.
    public static func checkObjection(_ objection: DeregistrationNotice.Objection, to notice: DeregistrationNotice) throws(StoreError) {
        if let earlier = notice.objection {
            throw StoreError.conflict("notice \(notice.id) of \(notice.code) already drew an objection from \(earlier.party) on \(earlier.objectedOn)")
        }
        guard notice.isPublished(on: objection.objectedOn) else {
            throw StoreError.invalidState("notice \(notice.id) of \(notice.code) ran from \(notice.from) to \(notice.to); objections are lodged while it runs")
        }
    }
}
