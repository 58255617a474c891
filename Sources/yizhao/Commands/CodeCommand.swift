import ArgumentParser
import RegistryCore

/// `yizhao code …`: unified social credit codes.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Validate unified social credit codes and compute check characters.",
        subcommands: [ValidateCodes.self, CheckCharCommand.self]
    )
}

/// `yizhao code validate [CODE…]`.
struct ValidateCodes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate codes given as arguments, else one per line on standard input.",
        discussion: """
            Prints one line per code: CODE<TAB>valid or CODE<TAB>invalid<TAB>reason[; reason…].
            Blank lines are skipped. Exit status: 0 if every code is valid, 1 if any is invalid, 2 on a usage error.
            Standard input is streamed: files of any length are read in constant memory.
            """
    )

    @Argument(help: "Codes to validate. Without any, codes are read from standard input, one per line.")
    var codes: [String] = []

    func run() throws {
        let validator = CreditCodeValidator.standard
        let output = FileOutput.standardOutput
        var anyInvalid = false
        let check: (UnsafeBufferPointer<UInt8>) -> Void = { line in
            let trimmed = Self.trimmed(line)
            guard !trimmed.isEmpty else { return }
            if validator.isValid(utf8: trimmed) == true {
                output.write(trimmed)
                output.write("\tvalid\n")
                return
            }
            // Invalid, or a character only the full normaliser folds: take the reporting path.
            let validation = validator.validate(String(decoding: trimmed, as: UTF8.self))
            output.write(trimmed)
            output.write(validation.isValid ? "\tvalid\n" : "\tinvalid\t\(validation.reasons)\n")
            if !validation.isValid { anyInvalid = true }
        }
        if codes.isEmpty {
            try LineReader(descriptor: 0).forEachLine(check)
        } else {
            for code in codes {
                var copy = code
                copy.withUTF8 { check($0) }
            }
        }
        output.flush()
        if anyInvalid { throw ExitCode(1) }
    }

    /// The line without leading and trailing ASCII spaces and tabs.
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }
}

/// `yizhao code check-char BODY17`.
struct CheckCharCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-char",
        abstract: "Print the GB 32100 check character (position 18) for the first 17 characters of a code."
    )

    @Argument(help: "The first 17 characters of a code (spaces, hyphens, case and full width are normalised).")
    var body: String

    func validate() throws {
        let normalized = CodeNormalizer.normalize(body)
        let scalars = Array(normalized.unicodeScalars)
        guard scalars.count == 17 else {
            throw ValidationError("BODY17 must have 17 characters after normalisation; '\(normalized)' has \(scalars.count).")
        }
        let bad = scalars.enumerated().filter { !($0.element.isASCII && CodeAlphabet.contains(UInt8($0.element.value))) }
        guard bad.isEmpty else {
            let list = bad.map { "'\($0.element)' at \($0.offset + 1)" }.joined(separator: ", ")
            throw ValidationError("BODY17 holds characters outside 0-9 and A-Y without I, O, S, V, Z: \(list).")
        }
    }

    func run() throws {
        guard let character = CheckCharacters.creditCheckCharacter(forBody: body) else {
            throw ValidationError("BODY17 is not 17 characters of the code alphabet.")
        }
        print(character)
    }
}
