/// Validates unified social credit codes (GB 32100-2015) and reports every failed check.
///
/// Two paths share one set of rules: `validate(_:)` returns every finding with its position; the
/// allocation-free `isValid(utf8:)` answers yes or no for streams. Tests hold them equal.
public struct CreditCodeValidator: Sendable {
    /// The region table positions 3–8 are checked against (any period).
    public let regions: RegionTable

    /// The validator over the standard region table.
    public static let standard = CreditCodeValidator(regions: .standard)

    /// Creates a validator over `regions`.
    public init(regions: RegionTable) {
        self.regions = regions
    }

    /// Normalises `input`, then runs every check.
    public func validate(_ input: String) -> CodeValidation {
        let normalized = CodeNormalizer.normalize(input)
        return CodeValidation(input: input, normalized: normalized, findings: findings(normalized: normalized))
    }

    /// Every failed check of an already normalised code, in position order.
    public func findings(normalized: String) -> [CodeFinding] {
        let scalars = Array(normalized.unicodeScalars)
        guard scalars.count == 18 else {
            return [CodeFinding(rule: .length, positions: nil, found: String(scalars.count))]
        }
        // Non-ASCII scalars map to a byte outside every table.
        let bytes: [UInt8] = scalars.map { $0.isASCII ? UInt8($0.value) : 0xFF }
        var findings: [CodeFinding] = []
        var charsetOK = [Bool](repeating: true, count: 18)
        for index in 0..<18 where !CodeAlphabet.contains(bytes[index]) {
            charsetOK[index] = false
            findings.append(CodeFinding(rule: .charset, positions: (index + 1)...(index + 1), found: String(scalars[index])))
        }
        if !RegistrationAuthority.isAuthority(bytes[0]) {
            findings.append(CodeFinding(rule: .authority, positions: 1...1, found: String(scalars[0])))
        } else if !RegistrationAuthority.isValid(authority: bytes[0], category: bytes[1]) {
            findings.append(CodeFinding(rule: .category, positions: 2...2, found: String(scalars[1]), expected: String(scalars[0])))
        }
        if regionValue(bytes[2..<8]) == nil {
            findings.append(CodeFinding(rule: .region, positions: 3...8, found: String(String.UnicodeScalarView(scalars[2..<8]))))
        }
        if charsetOK[8..<16].allSatisfy({ $0 }),
           let expected = CheckCharacters.organizationCheckDigit(body: bytes[8..<16]), expected != bytes[16] {
            findings.append(CodeFinding(rule: .organizationCheck, positions: 17...17, found: String(scalars[16]),
                                        expected: String(Unicode.Scalar(expected))))
        }
        if charsetOK[0..<17].allSatisfy({ $0 }),
           let expected = CheckCharacters.creditCheckCharacter(body: bytes[0..<17]), expected != bytes[17] {
            findings.append(CodeFinding(rule: .checkCharacter, positions: 18...18, found: String(scalars[17]),
                                        expected: String(Unicode.Scalar(expected))))
        }
        return findings.sorted { ($0.positions?.lowerBound ?? 0, $0.rule.order) < ($1.positions?.lowerBound ?? 0, $1.rule.order) }
    }

    /// The region number of six ASCII digits known to the table, else nil.
    private func regionValue(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return regions.containsInAnyPeriod(value) ? value : nil
    }

    /// Whether the UTF-8 bytes of one code are valid, without allocating.
    ///
    /// Returns nil only when the input holds a non-ASCII character the byte normaliser does not
    /// fold; callers then use `validate(_:)`.
    public func isValid(utf8 input: UnsafeBufferPointer<UInt8>) -> Bool? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { buffer -> Bool? in
            guard let count = CodeNormalizer.normalize(utf8: input, into: buffer) else {
                // Too long for the buffer is simply invalid; an unfolded character needs the slow path.
                return input.contains(where: { $0 >= 0x80 }) ? nil : false
            }
            guard count == 18 else { return false }
            return isValid(normalized: UnsafeBufferPointer(rebasing: buffer[0..<18]))
        }
    }

    /// Whether exactly 18 normalised ASCII bytes form a valid code.
    @inline(__always)
    public func isValid(normalized code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard code.count == 18 else { return false }
        guard RegistrationAuthority.isValid(authority: code[0], category: code[1]) else { return false }
        var region = 0
        for index in 2..<8 {
            let digit = code[index] &- 0x30
            guard digit <= 9 else { return false }
            region = region &* 10 &+ Int(digit)
        }
        guard regions.containsInAnyPeriod(region) else { return false }
        var creditSum = 0
        var organizationSum = 0
        let credit = CodeAlphabet.creditValue
        let organization = CodeAlphabet.organizationValue
        for index in 0..<17 {
            let value = credit[Int(code[index])]
            guard value != CodeAlphabet.absent else { return false }
            creditSum &+= Int(value) &* CheckCharacters.creditWeights[index]
            if index >= 8 && index < 16 {
                organizationSum &+= Int(organization[Int(code[index])]) &* CheckCharacters.organizationWeights[index - 8]
            }
        }
        guard CheckCharacters.organizationDigit(forSum: organizationSum) == code[16] else { return false }
        return CheckCharacters.creditCharacter(forSum: creditSum) == code[17]
    }
}

extension CodeRule {
    /// Tie-break order of findings at the same position.
    var order: Int { CodeRule.allCases.firstIndex(of: self) ?? 0 }
}
