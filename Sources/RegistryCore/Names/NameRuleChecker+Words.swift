extension NameRuleChecker {
    /// N-FORBIDDEN, N-MISLEADING, N-NONPROFIT, N-STATE-STRATEGY, N-CHINA-WORDS: listed words in the name
    /// without its region and form (traditional folded); a word straddling the 字号/industry boundary
    /// is downgraded to a warning.
    func wordFindings(_ parsed: ParsedName) -> [NameFinding] {
        var findings: [NameFinding] = []
        let chinaWords = ["中国", "中华", "中央", "全国", "国家"]
        let startsWithChina = chinaWords.first { han.simplified(parsed.normalized).hasPrefix($0) }
        if let word = startsWithChina {
            findings.append(.init(rule: .chinaWords, message: "以“\(word)”开头的名称须报国务院批准，不能自主申报",
                                  messageEnglish: "a name starting with “\(word)” needs State Council approval and cannot be self-declared",
                                  text: word, position: 0))
        }
        let zihao = han.simplified(parsed.zihao)
        let body = zihao + han.simplified(parsed.industry) + parsed.groupWord
        let offset = parsed.regionPlacement == .prefix ? parsed.region.count + parsed.zone.count + (parsed.unknownRegion?.count ?? 0) : 0
        for match in words.matches(in: body) {
            let entry = match.entry
            let straddles = match.range.lowerBound < zihao.count && match.range.upperBound > zihao.count
            if entry.category == "china_word" {
                guard startsWithChina == nil, match.range.lowerBound < zihao.count else { continue }  // inside the industry term: a qualifier
                findings.append(.init(rule: .chinaWords, message: "“\(entry.word)”在名称中间时只能作行业限定语，不能用于字号",
                                      messageEnglish: "“\(entry.word)” inside a name may only qualify the industry, not be part of the 字号",
                                      text: entry.word, position: offset + match.range.lowerBound))
                continue
            }
            let rule: NameRule = switch entry.category {
            case "misleading": .misleading
            case "nonprofit": .nonprofit
            case "state_strategy": .stateStrategy
            default: .forbidden
            }
            var severity: NameSeverity = entry.severity == "warn" ? .warn : .reject
            if straddles { severity = .warn }
            let (zh, en) = Self.wordMessages(rule, entry, straddles: straddles)
            findings.append(.init(rule: rule, severity: severity, message: zh, messageEnglish: en,
                                  text: entry.word, position: offset + match.range.lowerBound))
        }
        return findings
    }

    private static func wordMessages(_ rule: NameRule, _ entry: ForbiddenWordTable.Entry, straddles: Bool) -> (String, String) {
        let word = entry.word
        let note = straddles ? "（跨字号与行业用语，请人工核实）" : ""
        let noteEnglish = straddles ? " (it straddles the 字号 and the industry term; to be confirmed by a reviewer)" : ""
        switch rule {
        case .misleading:
            return ("“\(word)”可能使公众误解，名称不得使用\(note)", "“\(word)” may mislead the public and is not allowed\(noteEnglish)")
        case .nonprofit:
            return ("“\(word)”表明或暗示非营利组织，企业名称不得使用\(note)", "“\(word)” states or implies a non-profit organisation\(noteEnglish)")
        case .stateStrategy:
            return ("“\(word)”与国家重大战略、政策相关，可能使公众误认为有政府信用背书\(note)",
                    "“\(word)” refers to a national strategy or policy and may suggest government backing\(noteEnglish)")
        default:
            return ("名称含有禁限用词“\(word)”（\(entry.category)，\(entry.article)）\(note)",
                    "the name contains the restricted word “\(word)” (\(entry.category), \(entry.article))\(noteEnglish)")
        }
    }
}
