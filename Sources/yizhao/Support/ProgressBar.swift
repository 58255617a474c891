import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: `lock` guards `lastDraw` and `total`; the other stored properties are immutable.
    private var total: Int
    private let label: String
    private let started = Date()
    private let enabled = isatty(2) == 1
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    init(total: Int, label: String) {
        self.total = max(total, 1)
        self.label = label
    }

    /// Redraws with `done` of `total` (at most 10 times a second, and always at the end).
    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(Int(fraction * 100))% \(done)/\(total) \(String(format: "%.1f", now.timeIntervalSince(started)))s"
        FileOutput.standardError.write(line + (done >= total ? "\n" : ""))
    }

    /// Redraws with `done` of a `total` learnt as the work goes.
    func update(_ done: Int, of total: Int) {
        lock.lock()
        self.total = max(total, 1)
        lock.unlock()
        update(done)
    }

    /// Ends the line if the bar was drawn and not finished.
    func finish() {
        guard enabled else { return }
        FileOutput.standardError.write("\n")
    }
}
