extension ApplicationFormInput {
    /// A complete, valid form for a 有限责任公司 registered at 岳麓区 (430104) with two synthetic shareholders:
    /// the README's and the tests' starting point. `name` replaces the proposed name.
    public static func example(name: String = "长沙云图湾网络科技有限公司") -> ApplicationFormInput {
        func person(_ name: String, _ sequence: Int, born: CalendarDate) -> PersonInput {
            PersonInput(name: name, idNumber: ResidentID.synthetic(region: 430104, birth: born, sequence: sequence))
        }
        let chen = person("陈思远", 11, born: CalendarDate(year: 1986, month: 3, day: 14)!)
        let liu = person("刘雨桐", 22, born: CalendarDate(year: 1990, month: 9, day: 2)!)
        return ApplicationFormInput(
            market: Market(
                name: name, type: EntityType.llc.rawValue, authority: "430104", domicile: "湖南省长沙市岳麓区麓谷大道627号",
                legalRepresentative: chen, registeredCapitalYuan: 1_000_000,
                businessScope: "一般项目：互联网信息服务；网络技术服务；软件开发。", industry: "6429",
                investors: [
                    InvestorInput(name: "陈思远", idNumber: chen.idNumber, contributionYuan: 600_000),
                    InvestorInput(name: "刘雨桐", idNumber: liu.idNumber, contributionYuan: 400_000),
                ]),
            tax: Tax(financeOfficer: liu, taxHandler: person("王晓梅", 33, born: CalendarDate(year: 1995, month: 12, day: 8)!),
                     accountingMethod: AccountingMethod.independent.rawValue, headcount: 12),
            statistics: Statistics(industry: "6429", mainActivity: "互联网信息服务", employees: 12))
    }
}
