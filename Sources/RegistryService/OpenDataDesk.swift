import RegistryCore
import RegistryStore

/// The public dataset (SPEC §5, 政府数据开放): ten fields per entity by industry category, paged and in bulk; no
/// personal data, and a name under a correction order shown as its code.
public struct OpenDataDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store

    /// Creates the desk.
    public init(store: Store) { self.store = store }

    /// The largest page.
    public static var pageLimit: Int { 1_000 }

    /// One page of the dataset.
    public struct Page: Sendable {
        /// The entities.
        public var entities: [OpenDataEntity]
        /// Where the next page starts; nil after the last page.
        public var nextCursor: String?
    }

    /// Entities of `category` (every category when nil), ordered by industry section then code, after `cursor`.
    public func page(category: OpenDataCategory?, cursor: String?, limit: Int) async throws(OpenDataError) -> Page {
        let after: OpenDataCursor?
        if let cursor {
            guard let parsed = Self.parse(cursor: cursor) else { throw .invalidCursor }
            after = parsed
        } else {
            after = nil
        }
        let sections = category?.sections ?? OpenDataCategory.allCases.flatMap(\.sections)
        if let after, !sections.contains(after.section) { throw .invalidCursor }
        let records: [OpenDataRecord]
        do {
            records = try await store.openData(sections: sections, after: after, limit: min(max(limit, 1), Self.pageLimit))
        } catch {
            throw .store(error)
        }
        let next = records.count == min(max(limit, 1), Self.pageLimit) ? records.last.map(Self.cursor(after:)) : nil
        return Page(entities: records.map(OpenDataEntity.init), nextCursor: next)
    }

    static func cursor(after record: OpenDataRecord) -> String {
        "\(record.industry.section)~\(record.code.rawValue)"
    }

    static func parse(cursor: String) -> OpenDataCursor? {
        let parts = cursor.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 1, let section = parts[0].first, ("A"..."T").contains(section),
              let code = try? CreditCode(validating: String(parts[1])), code.rawValue == parts[1] else { return nil }
        return OpenDataCursor(section: section, code: code.rawValue)
    }
}

/// Why an open-data request failed.
public enum OpenDataError: Error, Sendable, Equatable {
    /// The cursor was not issued by this dataset (or for another category).
    case invalidCursor
    /// The store failed.
    case store(StoreError)
}

/// The ten public fields of one entity (名称, 统一社会信用代码, 类型, 法定代表人, 成立日期, 注册资本, 住所, 登记机关,
/// 登记状态, 主营项目) and its category.
public struct OpenDataEntity: Sendable, Hashable, Codable {
    /// 名称, or the code for a name under a correction order.
    public var name: String
    /// 统一社会信用代码.
    public var code: String
    /// 类型 (Chinese).
    public var type: String
    /// 法定代表人 (or 经营者, 执行事务合伙人, 投资人).
    public var legalRepresentative: String
    /// 成立日期.
    public var establishedOn: String
    /// 注册资本 in yuan; nil where the type has none.
    public var registeredCapitalYuan: Int64?
    /// 住所.
    public var domicile: String
    /// 登记机关.
    public var authority: String
    /// 登记状态.
    public var status: String
    /// 主营项目: the statistics registration's main activity, else the industry's name.
    public var mainBusiness: String
    /// The dataset category.
    public var category: String

    /// The public view of `record`.
    public init(_ record: OpenDataRecord) {
        name = record.nameShownAsCode ? record.code.rawValue : record.name
        code = record.code.rawValue
        type = record.type.chineseName
        legalRepresentative = record.legalRepresentative
        establishedOn = record.establishedOn.description
        registeredCapitalYuan = record.registeredCapitalYuan
        domicile = record.domicile
        authority = LicenseItems.authorityName(record.authority)
        status = record.status.display
        mainBusiness = record.mainActivity ?? IndustryTable.standard.entry(record.industry.rawValue)?.name ?? record.industry.rawValue
        category = OpenDataCategory(section: record.industry.section).map(\.rawValue) ?? ""
    }

    enum CodingKeys: String, CodingKey {
        case name, code, type, legalRepresentative, establishedOn, registeredCapitalYuan, domicile, authority, status, mainBusiness, category
    }

    /// Every field, a missing capital as `null` (the shape never changes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(code, forKey: .code)
        try container.encode(type, forKey: .type)
        try container.encode(legalRepresentative, forKey: .legalRepresentative)
        try container.encode(establishedOn, forKey: .establishedOn)
        try container.encode(registeredCapitalYuan, forKey: .registeredCapitalYuan)
        try container.encode(domicile, forKey: .domicile)
        try container.encode(authority, forKey: .authority)
        try container.encode(status, forKey: .status)
        try container.encode(mainBusiness, forKey: .mainBusiness)
        try container.encode(category, forKey: .category)
    }

    /// The bulk file's columns, in order.
    public static let columns: [SnapshotColumn] = [
        .text("name"), .text("code"), .text("type"), .text("legal_representative"), .text("established_on"), .integer("registered_capital_yuan"),
        .text("domicile"), .text("authority"), .text("status"), .text("main_business"), .text("category"),
    ]

    /// The bulk file's row.
    public var row: [SnapshotValue] {
        [.text(name), .text(code), .text(type), .text(legalRepresentative), .text(establishedOn), registeredCapitalYuan.map(SnapshotValue.integer) ?? .null,
         .text(domicile), .text(authority), .text(status), .text(mainBusiness), .text(category)]
    }
}
