import RegistryCore

/// Small hand-made dossiers and drafts for the contract cases.
public enum ContractFixtures {
    /// The day the fixtures are registered on.
    public static let day = CalendarDate(year: 2024, month: 3, day: 1)!
    static let authority = RegionCode(value: 430_104)!
    static let industry = IndustryCode("6513")!

    static func person(_ index: Int) -> Person {
        Person(name: "测试\(["甲", "乙", "丙", "丁"][index % 4])", idNumber: "43010419800101\(String(1_000 + index % 9_000).suffix(3))X")
    }

    /// A complete dossier with an allocator code of sequence `index`.
    public static func dossier(index: Int) -> EntityDossier {
        let zihao = ["云帆", "石榴", "松间", "竹影", "晴川"][index % 5] + (index >= 5 ? "\(["一", "二", "三"][index % 3])" : "")
        let draft = draft(index: index, zihao: zihao)
        let code = try! CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: index)
        return draft.dossier(code: code)
    }

    /// A registration draft; every fifth one is a 个体工商户.
    public static func draft(index: Int, name: String? = nil, zihao: String = "云帆", day offset: Int = 0) -> EntityDraft {
        let type: EntityType = index % 5 == 0 ? .individual : .llc
        let name = name ?? (type == .individual ? "长沙市岳麓区\(zihao)软件店" : "长沙\(zihao)软件有限公司")
        let date = day.adding(days: offset)
        let person = person(index)
        return EntityDraft(
            name: name, nameParts: NameParts(region: "长沙", zihao: zihao, industry: "软件", form: type == .individual ? "店" : "有限公司"),
            type: type, authority: authority, domicile: "湖南省长沙市岳麓区麓谷大道\(index + 1)号", legalRepresentative: person,
            registeredCapitalYuan: type == .individual ? nil : 1_000_000, businessScope: "应用软件开发", industry: industry,
            establishedOn: date, operatingTermEnd: nil,
            tax: TaxRegistration(taxAuthority: "国家税务总局长沙市岳麓区税务局", financeOfficer: person, taxHandler: person,
                                 accountingMethod: .independent, headcount: 3, registeredOn: date),
            statistics: StatisticsRegistration(industry: industry, mainActivity: "应用软件开发", employees: 3, registeredOn: date))
    }

    /// A dossier for `name` (parts from the parser) at `authority` in `industry`, with an allocator code.
    public static func named(_ name: String, index: Int, authority: Int = 430_104, industry: String = "5191",
                             established: CalendarDate = day) -> EntityDossier {
        let parsed = EnterpriseNameParser.standard.parse(name)
        var draft = draft(index: index, name: name, zihao: parsed.zihao)
        draft.type = parsed.formKind?.types.first ?? .llc
        draft.nameParts = parsed.parts
        draft.authority = RegionCode(value: authority)!
        draft.industry = IndustryCode(industry)!
        draft.establishedOn = established
        let code = try! CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: 500 + index)
        return draft.dossier(code: code)
    }
}

extension ContractFixtures {
    /// The instant applications are accepted and reviewed at (10:00 in Changsha on `day`).
    public static let instant = Instant(millisecondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400_000 + 2 * 3_600_000)

    /// The actor of contract mutations.
    public static let actor = Actor(label: "contract", role: "clerk", requestID: nil)

    /// The example form under `name`, validated; `reservationID` names a reservation of that name.
    public static func form(name: String = "长沙云图湾网络科技有限公司", reservationID: String? = nil) -> ApplicationForm {
        var form = try! ApplicationFormInput.example(name: name).validate(today: day, reservation: .none).get()
        form.market.reservationID = reservationID
        return form
    }

    /// A new application for `form`.
    public static func application(_ form: ApplicationForm = form()) -> NewApplication {
        NewApplication(request: .establishment(form), acceptedBy: "contract", receivedAt: instant,
                       deadline: WorkingCalendar().adding(workingDays: 3, to: day))
    }

    /// An approval (or a return with a reason) by `department` of `version`.
    public static func review(_ department: Department, _ decision: Application.Review.Decision = .approve,
                              version: Int = 1) -> Application.Review {
        Application.Review(department: department, decision: decision, reasons: decision == .return ? ["材料不全"] : [],
                           reviewer: department.rawValue, at: instant, version: version)
    }

    /// The standard completion plan on `day`.
    public static let plan: @Sendable (Application) -> CompletionPlan = { application in
        CompletionPlan(for: application, rules: .standard, conflicts: .standard, day: day)
    }
}
