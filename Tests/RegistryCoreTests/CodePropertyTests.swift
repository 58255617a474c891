import Testing
@testable import RegistryCore

/// Properties over many generated codes (deterministic seeds, so failures reproduce).
struct CodePropertyTests {
    let validator = CreditCodeValidator.standard
    static let regions = RegionTable.standard.rows.map(\.code).compactMap { RegionCode(value: $0) }

    /// `count` allocated codes over random types, regions (any period) and sequence numbers.
    static func allocated(count: Int, seed: UInt64) -> [CreditCode] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let type = EntityType.allCases.randomElement(using: &random)!
            let region = regions.randomElement(using: &random)!
            let sequence = Int.random(in: 0..<CodeAllocator.capacity, using: &random)
            return try! CodeAllocator.creditCode(type: type, authority: region, sequence: sequence)
        }
    }

    @Test func everyAllocatedCodeValidates() {
        for code in Self.allocated(count: 20_000, seed: 1) {
            #expect(validator.validate(code.rawValue).isValid, "\(code)")
        }
    }

    @Test func allocationCoversTheEdgesOfTheSequenceRange() throws {
        let region = RegionCode(value: 430_100)!
        for sequence in [0, 1, 30, 31, 961, CodeAllocator.capacity - 1] {
            let code = try CodeAllocator.creditCode(type: .llc, authority: region, sequence: sequence)
            #expect(validator.validate(code.rawValue).isValid)
            #expect(CodeAllocator.sequence(ofSubjectIdentifier: code.organizationCode.rawValue) == sequence)
        }
        #expect(throws: CodeAllocator.SequenceOutOfRange(sequence: CodeAllocator.capacity)) {
            try CodeAllocator.creditCode(type: .llc, authority: region, sequence: CodeAllocator.capacity)
        }
        #expect(throws: CodeAllocator.SequenceOutOfRange(sequence: -1)) {
            try CodeAllocator.subjectIdentifier(sequence: -1)
        }
    }

    @Test func allocatedIdentifiersNeverUseForbiddenLettersOrTheUserDefinedRange() throws {
        var random = SplitMix64(seed: 2)
        for _ in 0..<20_000 {
            let identifier = try CodeAllocator.subjectIdentifier(sequence: Int.random(in: 0..<CodeAllocator.capacity, using: &random))
            #expect(!identifier.rawValue.contains { "IOZSV".contains($0) })
            #expect(!identifier.rawValue.hasPrefix("PDY"))
        }
    }

    @Test func allocationPrefixFollowsTheEntityType() throws {
        let region = RegionCode(value: 430_105)!
        #expect(try CodeAllocator.creditCode(type: .llc, authority: region, sequence: 7).rawValue.hasPrefix("91430105"))
        #expect(try CodeAllocator.creditCode(type: .individual, authority: region, sequence: 7).rawValue.hasPrefix("92430105"))
        #expect(try CodeAllocator.creditCode(type: .cooperative, authority: region, sequence: 7).rawValue.hasPrefix("93430105"))
    }

    @Test func distinctSequencesGiveDistinctIdentifiers() throws {
        var seen = Set<String>()
        for sequence in 0..<50_000 { seen.insert(try CodeAllocator.subjectIdentifier(sequence: sequence).rawValue) }
        #expect(seen.count == 50_000)
    }

    @Test func everySingleCharacterSubstitutionIsInvalid() {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for code in Self.allocated(count: 300, seed: 3) + corpusCodes() {
            let characters = Array(code.rawValue)
            for position in 0..<18 {
                for replacement in alphabet where replacement != characters[position] {
                    var changed = characters
                    changed[position] = replacement
                    let text = String(changed)
                    #expect(!validator.validate(text).isValid, "\(code) → \(text)")
                    #expect(fastPath(text) == false, "\(code) → \(text)")
                }
            }
        }
    }

    @Test func everyAdjacentTranspositionIsInvalid() {
        for code in Self.allocated(count: 2_000, seed: 4) + corpusCodes() {
            let characters = Array(code.rawValue)
            for position in 0..<17 where characters[position] != characters[position + 1] {
                var changed = characters
                changed.swapAt(position, position + 1)
                let text = String(changed)
                #expect(!validator.validate(text).isValid, "\(code) → \(text)")
                #expect(fastPath(text) == false, "\(code) → \(text)")
            }
        }
    }

    @Test func fastPathAgreesWithTheReportingPathOnRandomText() {
        var random = SplitMix64(seed: 5)
        let pool = Array("0123456789ABCDEFGHJKLMNPQRTUWXYZIOSVabc -９Ａ")
        let valid = Self.allocated(count: 2_000, seed: 6).map(\.rawValue)
        for index in 0..<20_000 {
            var text: String
            if index % 2 == 0 {
                // A valid code with one random edit or a random separator.
                var characters = Array(valid[index % valid.count])
                let position = Int.random(in: 0..<characters.count, using: &random)
                characters.insert(pool.randomElement(using: &random)!, at: position)
                if Bool.random(using: &random) { characters.remove(at: Int.random(in: 0..<characters.count, using: &random)) }
                text = String(characters)
            } else {
                text = String((0..<Int.random(in: 0...22, using: &random)).map { _ in pool.randomElement(using: &random)! })
            }
            let report = validator.validate(text).isValid
            if let fast = fastPath(text) { #expect(fast == report, "\(text)") }
        }
    }

    @Test func normalisationIsIdempotent() {
        var random = SplitMix64(seed: 7)
        let pool = Array("0123456789ABCXYZabcxyz-‐—　 ９Ａｚ－\t长沙")
        for _ in 0..<10_000 {
            let text = String((0..<Int.random(in: 0...30, using: &random)).map { _ in pool.randomElement(using: &random)! })
            let once = CodeNormalizer.normalize(text)
            #expect(CodeNormalizer.normalize(once) == once, "\(text)")
        }
    }

    @Test func normalisationFoldsWidthCaseAndSeparators() {
        #expect(CodeNormalizer.normalize(" ９１-110000-600037341l ") == "91110000600037341L")
        #expect(CodeNormalizer.normalize("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L")
        #expect(CodeNormalizer.normalize("91\u{3000}110000—600037341L") == "91110000600037341L")
    }

    private func fastPath(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { validator.isValid(utf8: $0) }
    }

    private func corpusCodes() -> [CreditCode] {
        PublishedExampleTests.corpus.compactMap { try? CreditCode(validating: $0) }
    }
}
