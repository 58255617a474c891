#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor with `write(2)`: no per-line system calls, no locale work.
final class FileOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold: Int

    /// Standard output, flushed every 64 KiB.
    static var standardOutput: FileOutput { FileOutput(descriptor: 1) }
    /// Standard error, unbuffered in effect (flushed per write).
    static var standardError: FileOutput { FileOutput(descriptor: 2, flushThreshold: 0) }

    init(descriptor: Int32, flushThreshold: Int = 1 << 16) {
        self.descriptor = descriptor
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + 256)
    }

    deinit { flush() }

    /// Appends bytes.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count > flushThreshold { flush() }
    }

    /// Appends a string.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > flushThreshold { flush() }
    }

    /// Appends one byte.
    func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// Writes everything buffered.
    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                break  // The reader went away (EPIPE); nothing useful is left to do with the output.
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
