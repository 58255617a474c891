import Foundation
import RegistryCore

/// A deterministic synthetic registry of Changsha's market entities (SPEC §7 `seed`).
///
/// Entity `i` depends only on the seed and `i`, so batches can be produced in any order. Codes come
/// from the allocator (sequence `i`, so allocation after seeding continues at `count`); dates rise
/// with `i`, growing denser towards `today`, like a registry's growth.
public struct SyntheticRegistry: Sendable {
    /// Number of entities.
    public let count: Int
    /// The seed.
    public let seed: UInt64
    /// The last possible establishment date.
    public let today: CalendarDate

    let zihaoPool: [String]
    let zihaoCumulative: [Double]
    let companyDivisions: [(division: String, weight: Int, phrases: [String], classes: [IndustryCode])]
    let individualDivisions: [(division: String, weight: Int, industry: [String], forms: [String], classes: [IndustryCode])]
    let cooperativeDivisions: [(division: String, industry: [String], classes: [IndustryCode])]
    let otherPrefectures: [String]
    let industries = IndustryTable.standard
    let regions = RegionTable.standard

    /// Builds the word pools for `seed`.
    public init(count: Int, seed: UInt64 = 1, today: CalendarDate) {
        self.count = count
        self.seed = seed
        self.today = today
        var random = SplitMix64(seed: seed ^ 0x5EED)
        // 45,000 字号 of 2–4 characters from homophone groups, popular groups first.
        let groups = SeedVocabulary.zihaoGroups
        let groupWeights = groups.indices.map { 1.0 / Double($0 + 3) }
        let groupCumulative = Self.cumulative(groupWeights)
        var pool: [String] = []
        var seen = Set<String>()
        while pool.count < 45_000 {
            let roll = random.next() % 100
            let length = roll < 70 ? 2 : roll < 95 ? 3 : 4
            var zihao = ""
            for _ in 0..<length {
                let group = groups[Self.pick(groupCumulative, &random)]
                let member = random.next() % 4 == 0 ? Int(random.next() % UInt64(group.count)) : 0
                zihao += group[member]
            }
            guard !SeedVocabulary.notZihao.contains(zihao), Set(zihao).count > 1, seen.insert(zihao).inserted else { continue }
            pool.append(zihao)
        }
        zihaoPool = pool
        zihaoCumulative = Self.cumulative(pool.indices.map { 1.0 / pow(Double($0) + 20, 0.9) })
        let table = IndustryTable.standard
        func classes(_ division: String) -> [IndustryCode] {
            table.entries.filter { $0.level == .industryClass && $0.code.hasPrefix(division) }.compactMap { IndustryCode($0.code) }
        }
        companyDivisions = SeedVocabulary.companyIndustries.map { ($0.division, $0.weight, $0.phrases, classes($0.division)) }
        individualDivisions = SeedVocabulary.individualIndustries.map { ($0.division, $0.weight, $0.industry, $0.forms, classes($0.division)) }
        cooperativeDivisions = SeedVocabulary.cooperativeIndustries.map { ($0.division, $0.industry, classes($0.division)) }
        otherPrefectures = RegionTable.standard.currentRows(underPrefix: 43, digits: 2)
            .filter { $0.code % 100 == 0 && $0.code % 10_000 != 0 && $0.code != 430_100 }
            .map { String($0.name.dropLast()) }
    }

    /// The dossiers of entities `range`.
    public func dossiers(_ range: Range<Int>) -> [EntityDossier] { range.map(dossier(at:)) }

    /// Entity `index`.
    public func dossier(at index: Int) -> EntityDossier {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index))
        let type = Self.type(&random)
        let established = establishment(index, &random)
        var authority = Self.pickAuthority(&random)
        if type == .individual || type == .cooperative, authority == 430_100 { authority = 430_104 + Int(random.next() % 2) }
        // Codes keep the region of their issue: 宁乡县 and 望城县 before their changes.
        if authority == 430_182, established < CalendarDate(year: 2017, month: 4, day: 10)! { authority = 430_124 }
        if authority == 430_112, established < CalendarDate(year: 2011, month: 5, day: 26)! { authority = 430_122 }
        let region = RegionCode(value: authority)!
        let naming = makeName(type: type, authority: authority, &random)
        let code = try! CodeAllocator.creditCode(type: type, authority: region, sequence: index)
        let person = SyntheticPeople.person(&random, region: personRegion(authority))
        let domicile = address(authority, &random)
        let status = status(index, type, established, &random)
        let capital = capital(type, &random)
        let scope = businessScope(naming.industry, type: type)
        var entity = MarketEntity(
            code: code, name: naming.name, nameParts: naming.parts, type: type, status: status.status, authority: region,
            domicile: domicile, legalRepresentative: person, registeredCapitalYuan: capital, businessScope: scope,
            industry: naming.industry, establishedOn: established,
            operatingTermEnd: type == .individual || random.next() % 3 != 0 ? nil : established.adding(months: 12 * 30),
            statusChangedOn: status.changedOn, suspendedUntil: status.suspendedUntil)
        var licenses = [BusinessLicense(entity: entity, version: 1, issuedOn: established)]
        var names = [NameRecord(name: naming.name, zihao: naming.parts.zihao, validFrom: established, validTo: nil)]
        let lastDay = status.changedOn ?? today
        let span = lastDay.daysSinceEpoch - established.daysSinceEpoch
        // 12% moved their domicile; 6% of enterprises were renamed (the former name stays searchable).
        if span > 60, random.next() % 100 < 12 {
            let moved = established.adding(days: 30 + Int(random.next() % UInt64(span - 30)))
            licenses[0].domicile = address(authority, &random)
            licenses.append(BusinessLicense(entity: entity, version: 2, issuedOn: moved))
        }
        if span > 60, type != .individual, random.next() % 100 < 6 {
            let renamedOn = established.adding(days: 30 + Int(random.next() % UInt64(span - 30)))
            let former = makeName(type: type, authority: authority, &random, industry: naming.industry)
            names = [NameRecord(name: former.name, zihao: former.parts.zihao, validFrom: established, validTo: renamedOn.adding(days: -1)),
                     NameRecord(name: naming.name, zihao: naming.parts.zihao, validFrom: renamedOn, validTo: nil)]
            for position in licenses.indices where licenses[position].issuedOn < renamedOn { licenses[position].name = former.name }
            licenses.sort { $0.issuedOn < $1.issuedOn }
            var renamedEntity = entity
            renamedEntity.domicile = licenses.last!.domicile
            licenses.append(BusinessLicense(entity: renamedEntity, version: licenses.count + 1, issuedOn: renamedOn))
            licenses.sort { $0.issuedOn < $1.issuedOn }
            for position in licenses.indices { licenses[position].version = position + 1 }
        }
        entity.domicile = licenses.last!.domicile
        let taxOffice = authority == 430_100 ? "国家税务总局长沙市税务局" : "国家税务总局长沙市\(districtName(authority))税务局"
        let tax = TaxRegistration(
            taxAuthority: taxOffice, financeOfficer: type == .individual ? person : SyntheticPeople.person(&random, region: personRegion(authority)),
            taxHandler: SyntheticPeople.person(&random, region: personRegion(authority)),
            accountingMethod: type == .branch ? .nonIndependent : .independent,
            headcount: employees(type, &random), registeredOn: established)
        let statistics = StatisticsRegistration(
            industry: naming.industry, mainActivity: industries.entry(naming.industry.rawValue)?.name ?? "",
            employees: tax.headcount, registeredOn: established)
        return EntityDossier(entity: entity, licenses: licenses, tax: tax, statistics: statistics, names: names)
    }
}

