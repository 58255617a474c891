extension FieldCheck {
    /// A status filing (`domain/process.md` §4, §7): 歇业 from 存续 (or its extension while 歇业), 恢复营业 from 歇业, 清算组备案 from
    /// 存续, 歇业 or 吊销.
    mutating func statusFiling(_ action: StatusFiling.Action, _ input: StatusFilingInput, entity found: MarketEntity?) -> StatusFiling? {
        let part = "/" + action.rawValue
        let entity = entity(input.code, found, field: part + "/code")
        let reason = text(input.reason, part + "/reason", 2...500, what: "the reason")
        guard let entity else { return nil }
        var until: CalendarDate?
        var group: StatusFiling.LiquidationGroup?
        switch action {
        case .suspension: until = suspensionEnd(input, entity: entity, part: part)
        case .resumption:
            if entity.status != .suspended {
                fail(part + "/code", "wrong-status", "\(entity.code) is \(entity.status.display); only a suspended (歇业) entity resumes business")
            }
        case .liquidation:
            if ![.active, .suspended, .revoked].contains(entity.status) {
                fail(part + "/code", "wrong-status", "\(entity.code) is \(entity.status.display); a liquidation group is filed for an existing, suspended or 吊销 entity")
            }
            group = liquidationGroup(input, part: part)
        }
        guard errors.isEmpty, let reason else { return nil }
        return StatusFiling(action: action, code: entity.code, currentName: entity.name, type: entity.type, authority: entity.authority,
                            reason: reason, suspendedUntil: until, liquidationGroup: group)
    }

    /// A suspension's last day: after today and at most three years after the suspension's first day (today, or the
    /// first day of the suspension an extension prolongs, filed within its last 30 days).
    mutating func suspensionEnd(_ input: StatusFilingInput, entity: MarketEntity, part: String) -> CalendarDate? {
        let start: CalendarDate
        switch entity.status {
        case .active: start = today
        case .suspended:
            guard let current = entity.suspendedUntil else { start = entity.statusChangedOn ?? today; break }
            let opens = current.adding(days: 1 - StatusFiling.extensionWindowDays)
            guard today >= opens else {
                fail(part + "/code", "too-early", "\(entity.code) is suspended until \(current); an extension is filed from \(opens)")
                return nil
            }
            start = entity.statusChangedOn ?? today
        default:
            fail(part + "/code", "wrong-status", "\(entity.code) is \(entity.status.display); only an existing (存续) entity suspends business")
            return nil
        }
        guard let text = input.until else { fail(part + "/until", "required", "the suspension's last day is required"); return nil }
        guard let until = date(text, part + "/until", what: "the suspension's last day") else { return nil }
        let latest = StatusFiling.latestSuspensionEnd(startingOn: start)
        if until <= today {
            fail(part + "/until", "invalid", "the suspension must end after today (\(today))")
        } else if let current = entity.suspendedUntil, entity.status == .suspended, until <= current {
            fail(part + "/until", "invalid", "an extension must end after the current period (\(current))")
        } else if until > latest {
            fail(part + "/until", "too-long", "a suspension from \(start) lasts at most three years in all: until \(latest) (条例 第30条)")
        } else {
            return until
        }
        return nil
    }

    /// The liquidation group: formed on or before today, 1–50 distinct members of 2–60 characters, the head among them.
    mutating func liquidationGroup(_ input: StatusFilingInput, part: String) -> StatusFiling.LiquidationGroup? {
        var formed: CalendarDate?
        if input.formedOn == nil {
            fail(part + "/formedOn", "required", "the day the liquidation group was formed is required")
        } else if let day = date(input.formedOn, part + "/formedOn", what: "the day the group was formed") {
            if day > today { fail(part + "/formedOn", "invalid", "the group cannot be formed in the future") } else { formed = day }
        }
        var members: [String] = []
        if let given = input.members, (1...50).contains(given.count) {
            for (index, member) in given.enumerated() {
                guard let name = text(member, part + "/members/\(index)", 2...60, what: "a member's name") else { continue }
                if members.contains(name) { fail(part + "/members/\(index)", "duplicate", "“\(name)” is listed twice") } else { members.append(name) }
            }
        } else {
            fail(part + "/members", input.members == nil ? "required" : "invalid", "the liquidation group has 1–50 members")
        }
        let head = text(input.head, part + "/head", 2...60, what: "the group's head")
        if let head, !members.isEmpty, !members.contains(head) {
            fail(part + "/head", "mismatch", "the head “\(head)” must be one of the group's members")
        }
        guard let formed, let head, members.contains(head) else { return nil }
        return StatusFiling.LiquidationGroup(formedOn: formed, head: head, members: members)
    }
}
