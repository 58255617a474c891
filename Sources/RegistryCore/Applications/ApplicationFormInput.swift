/// The unified form as submitted (JSON): every field optional, so that validation can name **every** missing or
/// invalid field at once instead of stopping at the first.
public struct ApplicationFormInput: Sendable, Hashable, Codable {
    /// The market part.
    public var market: Market?
    /// The tax part.
    public var tax: Tax?
    /// The statistics part.
    public var statistics: Statistics?

    /// Creates an input.
    public init(market: Market?, tax: Tax?, statistics: Statistics?) {
        self.market = market
        self.tax = tax
        self.statistics = statistics
    }

    /// The market part as submitted.
    public struct Market: Sendable, Hashable, Codable {
        public var name: String?
        public var reservationId: String?
        public var type: String?
        public var authority: String?
        public var domicile: String?
        public var legalRepresentative: PersonInput?
        public var registeredCapitalYuan: Int64?
        public var businessScope: String?
        public var industry: String?
        /// ISO date, or absent for 长期.
        public var operatingTermEnd: String?
        public var investors: [InvestorInput]?
        /// The applicant accepts the name check's risk warnings (办法 第22条); needed when the check warns.
        public var nameCommitment: Bool?

        /// Creates the part.
        public init(name: String? = nil, reservationId: String? = nil, type: String? = nil, authority: String? = nil,
                    domicile: String? = nil, legalRepresentative: PersonInput? = nil, registeredCapitalYuan: Int64? = nil,
                    businessScope: String? = nil, industry: String? = nil, operatingTermEnd: String? = nil,
                    investors: [InvestorInput]? = nil, nameCommitment: Bool? = nil) {
            self.name = name
            self.reservationId = reservationId
            self.type = type
            self.authority = authority
            self.domicile = domicile
            self.legalRepresentative = legalRepresentative
            self.registeredCapitalYuan = registeredCapitalYuan
            self.businessScope = businessScope
            self.industry = industry
            self.operatingTermEnd = operatingTermEnd
            self.investors = investors
            self.nameCommitment = nameCommitment
        }
    }

    /// A person as submitted.
    public struct PersonInput: Sendable, Hashable, Codable {
        public var name: String?
        public var idNumber: String?

        /// Creates a person input.
        public init(name: String?, idNumber: String?) {
            self.name = name
            self.idNumber = idNumber
        }
    }

    /// An investor as submitted: a person (`idNumber`) or an entity (`creditCode`).
    public struct InvestorInput: Sendable, Hashable, Codable {
        public var name: String?
        public var idNumber: String?
        public var creditCode: String?
        public var contributionYuan: Int64?

        /// Creates an investor input.
        public init(name: String?, idNumber: String? = nil, creditCode: String? = nil, contributionYuan: Int64?) {
            self.name = name
            self.idNumber = idNumber
            self.creditCode = creditCode
            self.contributionYuan = contributionYuan
        }
    }

    /// The tax part as submitted.
    public struct Tax: Sendable, Hashable, Codable {
        public var financeOfficer: PersonInput?
        public var taxHandler: PersonInput?
        public var accountingMethod: String?
        public var headcount: Int?

        /// Creates the part.
        public init(financeOfficer: PersonInput?, taxHandler: PersonInput?, accountingMethod: String?, headcount: Int?) {
            self.financeOfficer = financeOfficer
            self.taxHandler = taxHandler
            self.accountingMethod = accountingMethod
            self.headcount = headcount
        }
    }

    /// The statistics part as submitted.
    public struct Statistics: Sendable, Hashable, Codable {
        public var industry: String?
        public var mainActivity: String?
        public var employees: Int?

        /// Creates the part.
        public init(industry: String?, mainActivity: String?, employees: Int?) {
            self.industry = industry
            self.mainActivity = mainActivity
            self.employees = employees
        }
    }
}

/// What the registry knows about the reservation a form names, looked up before validation.
public enum ReservationLookup: Sendable, Hashable {
    /// The form names no reservation.
    case none
    /// The reservation, with its state as of today.
    case found(NameReservation)
    /// No reservation has that id.
    case missing
}
