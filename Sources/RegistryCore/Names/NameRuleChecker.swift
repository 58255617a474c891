/// Checks a proposed name against the N- rules (`domain/names.md` §9): every finding, not the first.
public struct NameRuleChecker: Sendable {
    /// The parser (and through it the region and industry lexicons).
    public let parser: EnterpriseNameParser
    /// The word list.
    public let words: ForbiddenWordIndex
    /// Character tables (traditional folding).
    public let han: HanTables
    /// Settings.
    public let policy: NameCheckPolicy

    /// The checker over the standard tables.
    public static let standard = NameRuleChecker(parser: .standard, words: .standard, han: .standard, policy: .standard)

    /// Creates a checker.
    public init(parser: EnterpriseNameParser, words: ForbiddenWordIndex, han: HanTables, policy: NameCheckPolicy) {
        self.parser = parser
        self.words = words
        self.han = han
        self.policy = policy
    }

    /// The parse of `request.name` and every rule finding.
    public func check(_ request: NameCheckRequest) -> (ParsedName, [NameFinding]) {
        let parsed = parser.parse(request.name, authority: request.authority.value)
        var findings: [NameFinding] = []
        findings += scriptFindings(parsed.normalized)
        if parsed.normalized.count > policy.maximumLength {
            findings.append(.init(rule: .length, message: "名称共\(parsed.normalized.count)个字，超过\(policy.maximumLength)个字的上限",
                                  messageEnglish: "the name has \(parsed.normalized.count) characters; at most \(policy.maximumLength) are allowed"))
        }
        findings += formFindings(parsed, request)
        findings += zihaoFindings(parsed)
        findings += regionFindings(parsed, request)
        findings += industryFindings(parsed, request)
        findings += wordFindings(parsed)
        findings += structureFindings(parsed, request)
        return (parsed, findings)
    }

    /// N-SCRIPT: each character that is not a simplified Han character or a full-width bracket.
    func scriptFindings(_ name: String) -> [NameFinding] {
        var findings: [NameFinding] = []
        for (offset, scalar) in name.unicodeScalars.enumerated() {
            if scalar == "（" || scalar == "）" { continue }
            let isHan = (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
            let simplified = han.simplified(scalar)
            if isHan && simplified == scalar { continue }
            let text = String(scalar)
            if isHan {
                findings.append(.init(rule: .script, message: "“\(text)”是繁体字或异体字，应使用规范汉字“\(simplified)”",
                                      messageEnglish: "“\(text)” is a traditional or variant character; use “\(simplified)”",
                                      text: text, position: offset, suggestion: String(simplified)))
            } else if scalar.properties.numericType != nil && scalar.isASCII {
                findings.append(.init(rule: .script, message: "名称不得使用阿拉伯数字“\(text)”，可用汉字数字",
                                      messageEnglish: "Arabic digit “\(text)” is not allowed; write the number in Chinese characters",
                                      text: text, position: offset))
            } else if scalar.isASCII && scalar.properties.isAlphabetic {
                findings.append(.init(rule: .script, message: "名称不得使用外文字母或拼音字母“\(text)”",
                                      messageEnglish: "Latin letter “\(text)” is not allowed (no foreign or pinyin letters)",
                                      text: text, position: offset))
            } else {
                findings.append(.init(rule: .script, message: "名称不得使用字符“\(text)”（U+\(String(scalar.value, radix: 16, uppercase: true))）",
                                      messageEnglish: "character “\(text)” (U+\(String(scalar.value, radix: 16, uppercase: true))) is not allowed",
                                      text: text, position: offset))
            }
        }
        return findings
    }

    /// N-FORM-MISSING, N-FORM-MISMATCH.
    func formFindings(_ parsed: ParsedName, _ request: NameCheckRequest) -> [NameFinding] {
        let required = OrganizationalForm.requiredWording(for: request.type)
        guard let form = parsed.formKind else {
            return [.init(rule: .formMissing, message: "名称缺少组织形式，\(request.type.chineseName)应以“\(required)”结尾",
                          messageEnglish: "the name has no organisational form; a \(request.type.rawValue) name ends with \(required)")]
        }
        if !form.types.contains(request.type) {
            return [.init(rule: .formMismatch, message: "组织形式“\(form.wording)”与主体类型\(request.type.chineseName)不符，应为“\(required)”",
                          messageEnglish: "the form “\(form.wording)” does not match the type \(request.type.rawValue); expected \(required)",
                          text: form.wording)]
        }
        let body = parsed.normalized.dropLast(form.wording.count)
        return OrganizationalForm.excludedWording(for: request.type).filter { body.contains($0) }.map { word in
            .init(rule: .formMismatch, message: "\(request.type.chineseName)的名称不得含有“\(word)”字样",
                  messageEnglish: "a \(request.type.rawValue) name must not contain “\(word)” (another form's wording)", text: word)
        }
    }

    /// N-ZIHAO-LENGTH, N-ZIHAO-IS-REGION, N-ZIHAO-IS-INDUSTRY.
    func zihaoFindings(_ parsed: ParsedName) -> [NameFinding] {
        let zihao = parsed.zihao
        if zihao.count < 2 {
            let shown = zihao.isEmpty ? "未能识别出字号" : "字号“\(zihao)”只有一个字"
            return [.init(rule: .zihaoLength, message: "\(shown)，字号应由两个以上汉字组成",
                          messageEnglish: zihao.isEmpty ? "no 字号 (trade name) found; it needs two or more characters"
                              : "the 字号 “\(zihao)” has one character; it needs two or more", text: zihao)]
        }
        var findings: [NameFinding] = []
        if parser.regions.isCurrentRegionName(zihao) {
            findings.append(.init(rule: .zihaoIsRegion, message: "字号“\(zihao)”是县级以上行政区划名称，不能作为字号",
                                  messageEnglish: "the 字号 “\(zihao)” is a region name and cannot be a 字号", text: zihao))
        }
        if parser.industries.contains(zihao) {
            findings.append(.init(rule: .zihaoIsIndustry, message: "字号“\(zihao)”是行业或经营特点用语，不能作为字号",
                                  messageEnglish: "the 字号 “\(zihao)” is an industry or feature term and cannot be a 字号", text: zihao))
        }
        return findings
    }

    /// N-INDUSTRY-MISSING, N-INDUSTRY-MISMATCH.
    func industryFindings(_ parsed: ParsedName, _ request: NameCheckRequest) -> [NameFinding] {
        guard !parsed.industry.isEmpty else {
            return [.init(rule: .industryMissing, message: "名称未含行业或经营特点，须符合跨五个以上门类、三个以上同字号子公司等条件",
                          messageEnglish: "no industry term: allowed only for enterprises active in five or more sections with three or more same-字号 subsidiaries")]
        }
        let typical = parser.industries.typicalDivisions(of: parsed.industry)
        guard !typical.isEmpty, let division = IndustryDivision.division(of: request.industry), !typical.contains(division) else { return [] }
        return [.init(rule: .industryMismatch, message: "行业用语“\(parsed.industry)”通常属于\(typical.joined(separator: "、"))大类，与申报的行业代码\(request.industry)不一致",
                      messageEnglish: "the industry term “\(parsed.industry)” usually belongs to division \(typical.joined(separator: ", ")), not to the declared code \(request.industry)",
                      text: parsed.industry)]
    }

    /// N-GROUP, N-CHINA-BRACKET, N-BRANCH.
    func structureFindings(_ parsed: ParsedName, _ request: NameCheckRequest) -> [NameFinding] {
        var findings: [NameFinding] = []
        if !parsed.groupWord.isEmpty {
            findings.append(.init(rule: .group, message: "使用“集团”字样须母公司控股三个以上企业法人，并随母公司变更登记备案",
                                  messageEnglish: "“集团” requires a parent controlling three or more enterprise legal persons and a filing with the parent's change registration",
                                  text: parsed.groupWord))
        }
        if parsed.regionPlacement == .bracket && parsed.region == "中国" {
            findings.append(.init(rule: .chinaBracket, message: "“（中国）”仅限外商独资或控股企业使用其外国投资者的字号",
                                  messageEnglish: "“（中国）” is only for foreign-owned or -controlled enterprises using their investor's 字号", text: "（中国）"))
        }
        if request.type == .branch {
            let normalized = parsed.normalized
            let endsRight = OrganizationalForm.branchEndings.contains { normalized.hasSuffix($0) }
            let parent = request.parentName.map(NameNormalizer.normalize)
            let headed = parent.map { normalized.hasPrefix($0) && normalized.count > $0.count } ?? (parsed.branchParent != nil)
            if !endsRight || !headed {
                let expected = parent.map { "“\($0)”" } ?? "隶属企业的全称"
                findings.append(.init(rule: .branch, message: "分支机构名称应以\(expected)开头，以“分公司”“分厂”“分店”等结尾",
                                      messageEnglish: "a branch's name starts with \(parent ?? "its parent's full registered name") and ends with 分公司, 分厂, 分店 …"))
            }
        }
        return findings
    }
}

/// The GB/T 4754 大类 of a code.
public enum IndustryDivision {
    /// The two-digit 大类 of `code`, nil for a 门类 letter.
    public static func division(of code: IndustryCode) -> String? {
        code.rawValue.first?.isNumber == true ? String(code.rawValue.prefix(2)) : nil
    }
}
