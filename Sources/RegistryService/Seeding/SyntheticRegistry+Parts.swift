import Foundation
import RegistryCore

extension SyntheticRegistry {
    /// A generated name with its parts and industry.
    struct Naming {
        let name: String
        let parts: NameParts
        let industry: IndustryCode
    }

    static func type(_ random: inout SplitMix64) -> EntityType {
        switch random.next() % 1_000 {
        case 0..<520: .individual
        case 520..<920: .llc
        case 920..<926: .jointStock
        case 926..<942: .partnership
        case 942..<962: .soleProprietorship
        case 962..<980: .cooperative
        default: .branch
        }
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }

    /// Index drawn with the weights behind `cumulative`.
    static func pick(_ cumulative: [Double], _ random: inout SplitMix64) -> Int {
        let target = Double(random.next() >> 11) / Double(1 << 53) * cumulative.last!
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func pickAuthority(_ random: inout SplitMix64) -> Int {
        let total = SeedVocabulary.authorities.reduce(0) { $0 + $1.weight }
        var roll = Int(random.next() % UInt64(total))
        for (code, weight) in SeedVocabulary.authorities {
            if roll < weight { return code }
            roll -= weight
        }
        return 430_100
    }

    func element<T>(_ array: [T], _ random: inout SplitMix64) -> T { array[Int(random.next() % UInt64(array.count))] }

    /// Dates from 1995 to `today`, denser towards today (date ∝ √(i/count)).
    func establishment(_ index: Int, _ random: inout SplitMix64) -> CalendarDate {
        let start = CalendarDate(year: 1995, month: 1, day: 3)!.daysSinceEpoch
        let span = Double(today.daysSinceEpoch - start)
        let fraction = (Double(index) + Double(random.next() % 1_000) / 1_000) / Double(max(count, 1))
        return CalendarDate(daysSinceEpoch: start + min(Int(span), Int(span * fraction.squareRoot())))
    }

    /// The district's own name (`岳麓区`, `浏阳市`, `宁乡县`).
    func districtName(_ authority: Int) -> String { regions.name(of: authority) ?? "长沙市" }

    /// The county-level region as written at the head of an individual's or cooperative's name.
    func countyRegion(_ authority: Int) -> String {
        let name = districtName(authority)
        return name.hasSuffix("区") ? "长沙市" + name : name
    }

    func makeName(type: EntityType, authority: Int, _ random: inout SplitMix64, industry: IndustryCode? = nil) -> Naming {
        switch type {
        case .individual:
            let division = individualDivisions[Self.pick(Self.cumulative(individualDivisions.map { Double($0.weight) }), &random)]
            let roll = random.next() % 10
            let surname = element(SeedVocabulary.surnames, &random)
            let zihao = roll < 4 ? surname + "记" : roll < 5 ? surname + "氏" : zihaoPool[Self.pick(zihaoCumulative, &random)]
            let word = element(division.industry, &random)
            let form = element(division.forms, &random)
            let region = countyRegion(authority)
            return Naming(name: region + zihao + word + form, parts: NameParts(region: region, zihao: zihao, industry: word, form: form),
                          industry: industry ?? element(division.classes, &random))
        case .cooperative:
            let division = element(cooperativeDivisions, &random)
            let zihao = zihaoPool[Self.pick(zihaoCumulative, &random)]
            let word = element(division.industry, &random)
            let region = countyRegion(authority)
            return Naming(name: region + zihao + word + "专业合作社", parts: NameParts(region: region, zihao: zihao, industry: word, form: "专业合作社"),
                          industry: industry ?? element(division.classes, &random))
        default:
            let division = companyDivisions[Self.pick(Self.cumulative(companyDivisions.map { Double($0.weight) }), &random)]
            let zihao = zihaoPool[Self.pick(zihaoCumulative, &random)]
            let word = element(division.phrases, &random)
            let region = companyRegion(authority, &random)
            let form: String
            switch type {
            case .jointStock: form = "股份有限公司"
            case .partnership: form = element(["中心（有限合伙）", "合伙企业（有限合伙）", "中心（普通合伙）"], &random)
            case .soleProprietorship: form = element(["商行（个人独资）", "中心（个人独资）", "店（个人独资）"], &random)
            case .branch: form = "有限公司" + String(districtName(authority == 430_100 ? 430_104 : authority).dropLast()) + "分公司"
            default: form = random.next() % 7 == 0 ? "有限责任公司" : "有限公司"
            }
            let industryCode = industry ?? element(division.classes, &random)
            if type != .branch, random.next() % 12 == 0 {  // region in brackets after the 字号 (办法 第9条)
                let bracketed = "（\(region.isEmpty ? "长沙" : region)）"
                return Naming(name: zihao + bracketed + word + form, parts: NameParts(region: bracketed, zihao: zihao, industry: word, form: form),
                              industry: industryCode)
            }
            return Naming(name: region + zihao + word + form, parts: NameParts(region: region, zihao: zihao, industry: word, form: form),
                          industry: industryCode)
        }
    }

    /// Regions at the head of company names: mostly 长沙/湖南, sometimes the county, a few other cities.
    func companyRegion(_ authority: Int, _ random: inout SplitMix64) -> String {
        let roll = random.next() % 100
        switch roll {
        case 0..<34: return "长沙"
        case 34..<50: return "长沙市"
        case 50..<73: return "湖南"
        case 73..<76: return "湖南省"
        case 76..<95:
            let name = districtName(authority)
            if authority == 430_100 { return "长沙" }
            if name.hasSuffix("区") { return "长沙市" + name }
            return name.count > 2 && name != "长沙县" ? String(name.dropLast()) : name
        default: return element(otherPrefectures, &random)
        }
    }

    func personRegion(_ authority: Int) -> Int { authority == 430_100 ? 430_102 : authority }

    func address(_ authority: Int, _ random: inout SplitMix64) -> String {
        let county = authority == 430_124 ? 430_182 : authority == 430_122 ? 430_112 : authority
        let street = element(SeedVocabulary.streets[county] ?? SeedVocabulary.streets[430_100]!, &random)
        let number = Int(random.next() % 999) + 1
        var text = "湖南省长沙市\(county == 430_100 ? "岳麓区" : districtName(county))\(street)\(number)号"
        if random.next() % 2 == 0 { text += "\(Int(random.next() % 30) + 1)栋\(Int(random.next() % 28) + 1)0\(Int(random.next() % 9) + 1)室" }
        return text
    }

    /// Older entities are likelier to be closed. Of the rest, a few are 歇业 (suspended) or 清算 (liquidating):
    /// `interimStatus`.
    func status(_ index: Int, _ type: EntityType, _ established: CalendarDate,
                _ random: inout SplitMix64) -> (status: EntityStatus, changedOn: CalendarDate?, suspendedUntil: CalendarDate?) {
        let age = Double(today.daysSinceEpoch - established.daysSinceEpoch) / 11_000
        guard Double(random.next() % 10_000) / 10_000 < 0.04 + 0.3 * age else { return interimStatus(index, type, established) }
        let span = max(1, today.daysSinceEpoch - established.daysSinceEpoch)
        let changed = established.adding(days: Int(random.next() % UInt64(span)) + 1)
        switch random.next() % 100 {
        case 0..<70: return (.deregistered, changed, nil)
        case 70..<95: return (.revoked, changed, nil)
        case 95..<98: return (.movedOut, changed, nil)
        default: return (.cancelled, changed, nil)
        }
    }

    /// The day 歇业 filings began (《市场主体登记管理条例》, in force from 2022-03-01).
    static let suspensionsBegan = CalendarDate(year: 2022, month: 3, day: 1)!

    /// An entity not closed: mostly 存续. Of those at least a year old, about 0.4% are 歇业: filed since 2022-03-01 and
    /// within the last three years, so not yet run out (a suspension lasts at most three years; one that ended is 存续
    /// again). About 0.6% of those that can liquidate (not 个体工商户 or branches) are 清算, begun within the last two
    /// years. Drawn from a stream of its own, so that every other field of an entity is what it would be without them.
    func interimStatus(_ index: Int, _ type: EntityType,
                       _ established: CalendarDate) -> (status: EntityStatus, changedOn: CalendarDate?, suspendedUntil: CalendarDate?) {
        var random = SplitMix64(seed: (seed &+ 0x5EED) &* 0xBF58_476D_1CE4_E5B9 ^ UInt64(index))
        let draw = random.next() % 1_000
        let earliest = max(established.adding(days: 365), Self.suspensionsBegan, today.adding(months: -36).adding(days: 2))
        if draw < 4, earliest < today {
            let started = earliest.adding(days: Int(random.next() % UInt64(today.daysSinceEpoch - earliest.daysSinceEpoch)))
            let latest = started.adding(months: 36).adding(days: -1)
            guard latest > today else { return (.active, nil, nil) }
            let until = today.adding(days: 1 + Int(random.next() % UInt64(latest.daysSinceEpoch - today.daysSinceEpoch)))
            return (.suspended, started, until)
        }
        let liquidates = type != .individual && type != .branch
        let began = max(established.adding(days: 365), today.adding(days: -730))
        if draw >= 4, draw < 10, liquidates, began < today {
            return (.liquidating, began.adding(days: Int(random.next() % UInt64(today.daysSinceEpoch - began.daysSinceEpoch))), nil)
        }
        return (.active, nil, nil)
    }

    func capital(_ type: EntityType, _ random: inout SplitMix64) -> Int64? {
        func wan(_ low: Double, _ high: Double) -> Int64 {
            let fraction = Double(random.next() % 10_000) / 10_000
            return Int64(exp(log(low) + (log(high) - log(low)) * fraction).rounded()) * 10_000
        }
        switch type {
        case .llc: return wan(10, 5_000)
        case .jointStock: return wan(500, 50_000)
        case .partnership: return wan(10, 10_000)
        case .soleProprietorship: return wan(1, 100)
        case .cooperative: return wan(10, 500)
        case .individual: return random.next() % 10 < 7 ? wan(1, 50) : nil
        case .branch: return nil
        }
    }

    func businessScope(_ industry: IndustryCode, type: EntityType) -> String {
        let entry = industries.entry(industry.rawValue)
        let group = industries.entry(String(industry.rawValue.prefix(3)))
        var items = [entry?.name, group?.name == entry?.name ? nil : group?.name].compactMap { $0 }
        if items.isEmpty { items = ["一般项目"] }
        let text = items.joined(separator: "；")
        return type == .individual ? text : text + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
    }

    func employees(_ type: EntityType, _ random: inout SplitMix64) -> Int {
        switch type {
        case .individual: Int(random.next() % 6) + 1
        case .cooperative: Int(random.next() % 30) + 5
        default: Int(exp(Double(random.next() % 10_000) / 10_000 * log(500.0)))
        }
    }
}
