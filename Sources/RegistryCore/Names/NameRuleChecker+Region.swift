extension NameRuleChecker {
    /// N-REGION-UNKNOWN, -FORMER, -DISTRICT-NEEDS-CITY, -ZONE-ALONE, -NOT-LOCAL, -INDIVIDUAL-LEVEL, -MISSING.
    func regionFindings(_ parsed: ParsedName, _ request: NameCheckRequest) -> [NameFinding] {
        var findings: [NameFinding] = []
        if let unknown = parsed.unknownRegion {
            findings.append(.init(rule: .regionUnknown, message: "“\(unknown)”不是现行行政区划名称",
                                  messageEnglish: "“\(unknown)” is not the name of any administrative division", text: unknown))
        }
        let chain = parsed.regionChain
        for entry in chain where !entry.isCurrent {
            let successor = parser.regions.currentSuccessor(of: entry)
            let hint = successor.map { "，应使用现名“\($0.fullName)”" } ?? ""
            findings.append(.init(rule: .regionFormer, message: "“\(entry.fullName)”是已撤销的行政区划名称\(hint)",
                                  messageEnglish: "“\(entry.fullName)” is a former region name" + (successor.map { "; use “\($0.fullName)”" } ?? ""),
                                  text: entry.fullName, suggestion: successor?.fullName))
        }
        for entry in chain where entry.isDistrict {
            let city = [11, 12, 31, 50].contains(entry.code / 10_000) ? entry.ancestor(at: .province) : entry.ancestor(at: .prefecture)
            if !chain.contains(where: { $0.code == city }) {
                let cityName = RegionTable.standard.current(city)?.name ?? String(city)
                findings.append(.init(rule: .regionDistrictNeedsCity, message: "市辖区“\(entry.fullName)”前须冠以所属设区的市“\(cityName)”",
                                      messageEnglish: "the district “\(entry.fullName)” must follow its city “\(cityName)”",
                                      text: entry.fullName, suggestion: cityName + entry.fullName))
            }
        }
        if !parsed.zone.isEmpty && chain.isEmpty {
            findings.append(.init(rule: .regionZoneAlone, message: "“\(parsed.zone)”等区域名称须与行政区划名称一并使用",
                                  messageEnglish: "a zone such as “\(parsed.zone)” may only follow a region name", text: parsed.zone))
        }
        let authority = request.authority.value
        if let deepest = chain.last, deepest.isCurrent, !RegionRelation.isRelated(deepest.code, authority) {
            let authorityName = RegionTable.standard.name(of: authority) ?? String(authority)
            findings.append(.init(rule: .regionNotLocal, message: "行政区划“\(deepest.fullName)”不是登记机关（\(authorityName)）所在地",
                                  messageEnglish: "the region “\(deepest.fullName)” is not where the authority (\(authority) \(authorityName)) is",
                                  text: parsed.region))
        }
        if request.type == .individual, let deepest = chain.last, deepest.level != .county {
            findings.append(.init(rule: .regionIndividualLevel, message: "个体工商户名称的行政区划应为县级行政区划名称，“\(parsed.region)”不是",
                                  messageEnglish: "an individual business's region must be its county-level division; “\(parsed.region)” is not",
                                  text: parsed.region))
        }
        let hasRegion = !chain.isEmpty || parsed.unknownRegion != nil || parsed.regionPlacement == .bracket
        if !hasRegion && request.type != .branch {
            findings.append(.init(rule: .regionMissing, severity: request.type == .individual ? .reject : .warn,
                                  message: request.type == .individual ? "个体工商户名称须冠以县级行政区划名称"
                                      : "名称未冠行政区划，须符合办法第十九条的条件并经全国系统比对",
                                  messageEnglish: request.type == .individual ? "an individual business's name must start with its county-level region"
                                      : "no region: allowed only under 办法 第19条 and after a national check"))
        }
        return findings
    }
}
