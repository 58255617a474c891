#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line in constant memory, handing each line (without its line
/// ending) to a closure as a byte buffer that is valid only during the call.
struct LineReader {
    /// Lines longer than this are cut into pieces; no code comes near it.
    static let maxLine = 1 << 16
    let descriptor: Int32

    /// Calls `body` for every line until end of input.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(CommandFailure) {
        let chunk = 1 << 16
        var storage = [UInt8](repeating: 0, count: chunk + Self.maxLine)
        var pending = 0  // bytes of an unfinished line at the start of storage
        while true {
            let count = storage.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + pending, chunk)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure(message: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            let end = pending + count
            storage.withUnsafeMutableBufferPointer { all in
                var start = 0
                var index = pending
                while index < end {
                    if all[index] == 0x0A {
                        body(Self.trimCR(UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: all[start..<index]))))
                        start = index + 1
                    }
                    index += 1
                }
                if count == 0 && start < end {  // last line without a newline
                    body(Self.trimCR(UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: all[start..<end]))))
                    start = end
                }
                if end - start >= Self.maxLine {  // an absurdly long line: hand it over in pieces
                    body(UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: all[start..<end])))
                    start = end
                }
                pending = end - start
                if start > 0 && pending > 0 {
                    let base = all.baseAddress!
                    memmove(base, base + start, pending)
                }
            }
            if count == 0 { return }
        }
    }

    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
