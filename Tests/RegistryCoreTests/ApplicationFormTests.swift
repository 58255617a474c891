import RegistryCore
import Testing

@Suite struct ApplicationFormTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    static func errors(_ input: ApplicationFormInput, reservation: ReservationLookup = .none) -> [FormError] {
        switch input.validate(today: today, reservation: reservation) {
        case .success: []
        case .failure(let failure): failure.errors
        }
    }

    @Test func exampleIsValid() throws {
        let form = try ApplicationFormInput.example().validate(today: Self.today, reservation: .none).get()
        #expect(form.market.type == .llc)
        #expect(form.market.investors.count == 2)
        #expect(ApplicationForm.taxOffice(for: form.market.authority) == "国家税务总局长沙市岳麓区税务局")
    }

    @Test func emptyFormNamesEveryPart() {
        let fields = Self.errors(ApplicationFormInput(market: nil, tax: nil, statistics: nil)).map(\.field)
        #expect(fields == ["/market", "/tax", "/statistics"])
    }

    @Test func everyFieldErrorIsReportedAtOnce() {
        var input = ApplicationFormInput.example()
        input.market?.domicile = ""
        input.market?.authority = "430199"
        input.market?.legalRepresentative?.idNumber = "430104198603140011"  // wrong check character
        input.market?.industry = "65"
        input.market?.operatingTermEnd = "2020-01-01"
        input.tax?.accountingMethod = "cash"
        input.tax?.headcount = -1
        input.statistics?.mainActivity = nil
        let errors = Self.errors(input)
        let fields = Set(errors.map(\.field))
        #expect(fields == ["/market/domicile", "/market/authority", "/market/legalRepresentative/idNumber", "/market/industry",
                           "/market/operatingTermEnd", "/tax/accountingMethod", "/tax/headcount", "/statistics/mainActivity"])
        #expect(errors.first { $0.field == "/market/legalRepresentative/idNumber" }?.message.contains("check character should be") == true)
    }

    @Test func investorsFollowTheType() {
        var input = ApplicationFormInput.example()
        input.market?.investors?[1].contributionYuan = 1
        #expect(Self.errors(input).map(\.field) == ["/market/investors"])  // contributions ≠ capital

        input = .example()
        input.market?.type = "partnership"
        input.market?.legalRepresentative = .init(name: "赵一", idNumber: ResidentID.synthetic(region: 430102, birth: CalendarDate(year: 1980, month: 1, day: 1)!, sequence: 5))
        #expect(Self.errors(input).map(\.field) == ["/market/legalRepresentative"])  // not a partner

        input = .example()
        input.market?.type = "cooperative"
        #expect(Self.errors(input).first?.message.contains("5 to") == true)

        input = .example()
        input.market?.type = "individual"
        #expect(Set(Self.errors(input).map(\.field)) == ["/market/registeredCapitalYuan", "/market/investors"])
        input.market?.registeredCapitalYuan = nil
        input.market?.investors = nil
        #expect(Self.errors(input).isEmpty)

        input = .example()
        let first = input.market?.investors?[0].idNumber
        input.market?.investors?[1].idNumber = first
        #expect(Self.errors(input).map(\.code) == ["duplicate"])

        input = .example()
        input.market?.type = "branch"
        #expect(Self.errors(input).map(\.code).contains("not-allowed"))
    }

    @Test func reservationMustMatch() {
        let reservation = NameReservation(
            id: "NR1", name: "长沙云图湾网络科技有限公司", zihao: "云图湾", industryPhrase: "网络科技", type: .llc,
            industry: IndustryCode("6513")!, authority: RegionCode("430104")!, applicant: "陈思远", reservedOn: Self.today,
            expiresOn: Self.today.adding(months: 2), needsPreapproval: false, state: .active, stateChangedOn: nil)
        var input = ApplicationFormInput.example()
        input.market?.reservationId = "NR1"
        #expect(Self.errors(input, reservation: .found(reservation)).isEmpty)
        input.market?.name = nil
        #expect((try? input.validate(today: Self.today, reservation: .found(reservation)).get())?.market.name == reservation.name)
        input.market?.authority = "430102"
        #expect(Self.errors(input, reservation: .found(reservation)).map(\.code) == ["mismatch"])
        #expect(Self.errors(input, reservation: .missing).map(\.field).contains("/market/reservationId"))
        var expired = reservation
        expired.expiresOn = Self.today
        input = .example()
        input.market?.reservationId = "NR1"
        #expect(Self.errors(input, reservation: .found(expired)).map(\.code) == ["not-active"])
    }
}
