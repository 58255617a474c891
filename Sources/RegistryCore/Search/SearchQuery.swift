/// A validated registry search (SPEC §3): what to match, the filters, where to resume, how many.
public struct SearchQuery: Sendable, Hashable {
    /// What the query text is matched against.
    public enum Kind: Sendable, Hashable {
        /// Any substring (2+ characters) of a current or former name, in search form.
        case name(String)
        /// The 字号's toneless pinyin (`weihou`) or its initials (`wh`), lower-case.
        case pinyin(String)
        /// A code or code prefix, upper-case.
        case code(String)
    }

    /// The match.
    public let kind: Kind
    /// The filters.
    public let filters: SearchFilters
    /// Where the previous page ended; nil for the first page.
    public let cursor: SearchCursor?
    /// Page size.
    public let limit: Int

    /// Shortest name query, in characters.
    public static let minimumLength = 2
    /// Longest query, in characters after normalisation.
    public static let maximumLength = 50
    /// Largest page.
    public static let maximumLimit = 100

    /// Validates raw user input; every problem is reported at once.
    public init(text: String, filters: SearchFilters = SearchFilters(), cursor: String? = nil, limit: Int = 20) throws(SearchQueryError) {
        var problems: [SearchQueryError.Problem] = []
        let normalized = SearchText.normalize(text)
        let length = normalized.unicodeScalars.count
        var kind: Kind?
        if normalized.isEmpty {
            problems.append(.emptyQuery)
        } else if length < Self.minimumLength {
            problems.append(.queryTooShort(length: length, minimum: Self.minimumLength))
        } else if length > Self.maximumLength {
            problems.append(.queryTooLong(length: length, maximum: Self.maximumLength))
        } else if normalized.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) {
            kind = .pinyin(normalized)
        } else if normalized.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) {
            if length > 18 { problems.append(.queryTooLong(length: length, maximum: 18)) } else { kind = .code(normalized.uppercased()) }
        } else {
            kind = .name(normalized)
        }
        if !(1...Self.maximumLimit).contains(limit) { problems.append(.badLimit(limit, maximum: Self.maximumLimit)) }
        var decoded: SearchCursor?
        if let cursor, let kind {
            decoded = SearchCursor(token: cursor, fingerprint: Self.fingerprint(kind, filters))
            if decoded == nil { problems.append(.badCursor) }
        }
        guard problems.isEmpty, let kind else { throw SearchQueryError(problems: problems) }
        self.kind = kind
        self.filters = filters
        self.cursor = decoded
        self.limit = limit
    }

    /// Ties a cursor to the query and filters it was made for.
    public var fingerprint: UInt32 { Self.fingerprint(kind, filters) }

    static func fingerprint(_ kind: Kind, _ filters: SearchFilters) -> UInt32 {
        let text: String
        switch kind {
        case .name(let value): text = "n:" + value
        case .pinyin(let value): text = "p:" + value
        case .code(let value): text = "c:" + value
        }
        let key = [text, filters.regionPrefix ?? "", filters.status?.rawValue ?? "", filters.type?.rawValue ?? "", filters.section ?? ""]
            .joined(separator: "|")
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}

/// Search filters; each is validated on construction.
public struct SearchFilters: Sendable, Hashable {
    /// Leading digits of the registering authority's region code (`43`, `4301`, `430104`).
    public let regionPrefix: String?
    /// Only entities in this status.
    public let status: EntityStatus?
    /// Only entities of this type.
    public let type: EntityType?
    /// Only entities whose industry is in this GB/T 4754 门类 (`A`–`T`).
    public let section: String?

    /// No filters.
    public init() {
        regionPrefix = nil
        status = nil
        type = nil
        section = nil
    }

    /// Parses raw filter values (nil or empty means "no filter"); every bad value is reported.
    public init(region: String?, status: String?, type: String?, section: String?) throws(SearchQueryError) {
        var problems: [SearchQueryError.Problem] = []
        func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        if let region = present(region), !(2...6).contains(region.count) || !region.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            problems.append(.badRegion(region))
        }
        if let status = present(status), EntityStatus(parsing: status) == nil { problems.append(.badStatus(status)) }
        if let type = present(type), EntityType(rawValue: type) == nil { problems.append(.badType(type)) }
        if let section = present(section), IndustryTable.standard.entry(section.uppercased())?.level != .section {
            problems.append(.badSection(section))
        }
        guard problems.isEmpty else { throw SearchQueryError(problems: problems) }
        self.regionPrefix = present(region)
        self.status = present(status).flatMap(EntityStatus.init(parsing:))
        self.type = present(type).flatMap(EntityType.init(rawValue:))
        self.section = present(section)?.uppercased()
    }
}

/// Why a search request cannot be run; lists every problem.
public struct SearchQueryError: Error, Sendable, Hashable {
    /// One problem with one parameter.
    public enum Problem: Sendable, Hashable {
        case emptyQuery
        case queryTooShort(length: Int, minimum: Int)
        case queryTooLong(length: Int, maximum: Int)
        case badLimit(Int, maximum: Int)
        case badCursor
        case badRegion(String)
        case badStatus(String)
        case badType(String)
        case badSection(String)

        /// The request parameter at fault.
        public var parameter: String {
            switch self {
            case .emptyQuery, .queryTooShort, .queryTooLong: "q"
            case .badLimit: "limit"
            case .badCursor: "cursor"
            case .badRegion: "region"
            case .badStatus: "status"
            case .badType: "type"
            case .badSection: "section"
            }
        }

        /// What is wrong, for people.
        public var message: String {
            switch self {
            case .emptyQuery: "the query is empty (after removing spaces and punctuation)"
            case .queryTooShort(let length, let minimum): "the query has \(length) character(s); at least \(minimum) are needed"
            case .queryTooLong(let length, let maximum): "the query has \(length) characters; at most \(maximum) are accepted"
            case .badLimit(let limit, let maximum): "limit must be 1–\(maximum), not \(limit)"
            case .badCursor: "the cursor is malformed or belongs to another query"
            case .badRegion(let value): "region must be 2–6 digits of a region code, not '\(value)'"
            case .badStatus(let value): "status must be one of \(EntityStatus.allCases.map(\.rawValue).joined(separator: ", ")) (or \(EntityStatus.allCases.map(\.display).joined(separator: ", "))), not '\(value)'"
            case .badType(let value): "type must be one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'"
            case .badSection(let value): "section must be a GB/T 4754 门类 letter A–T, not '\(value)'"
            }
        }
    }

    /// Every problem found.
    public let problems: [Problem]

    /// Creates the error.
    public init(problems: [Problem]) {
        self.problems = problems
    }
}
