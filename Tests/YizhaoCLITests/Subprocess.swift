import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RegistryTestSupport

/// Runs the built `yizhao` binary with stdin from a file and output captured to files, and reports
/// its exit status (and, under `/usr/bin/time`, its peak memory).
struct YizhaoProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Peak resident set size of the child in KiB, when it ran under `/usr/bin/time`.
        ///
        /// `wait4`'s own figure is useless here: a child spawned from the (large) test process
        /// inherits the parent's high-water mark across `exec`.
        var maxRSSKiB: Int? {
            stderr.split(separator: "\n").last { $0.hasPrefix("maxrss_kib=") }.flatMap { Int($0.dropFirst("maxrss_kib=".count)) }
        }
    }

    /// The `yizhao` binary next to the test bundle (SwiftPM builds it because the tests depend on it).
    static let binary: String = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("yizhao").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/yizhao").path
    }()

    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    /// Starts the binary.
    init(_ arguments: [String], stdinPath: String? = nil, measuringMemory: Bool = false) throws {
        let directory = Scratch.directory.appendingPathComponent("yizhao-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stdoutPath = directory.appendingPathComponent("stdout").path
        stderrPath = directory.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let command = measuringMemory ? ["/usr/bin/time", "-f", "maxrss_kib=%M", Self.binary] : [Self.binary]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        self.pid = pid
    }

    /// Runs to completion.
    static func run(_ arguments: [String], stdinPath: String? = nil, measuringMemory: Bool = false) throws -> Result {
        try YizhaoProcess(arguments, stdinPath: stdinPath, measuringMemory: measuringMemory).wait()
    }

    /// Sends a signal.
    func signal(_ number: Int32) { kill(pid, number) }

    /// What the child has written to stderr so far.
    var stderrSoFar: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for the child to exit.
    func wait() throws -> Result {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(.ECHILD) }
        }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitStatus,
                      stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}

/// A minimal HTTP/1.1 GET over a loopback socket, for talking to a real `yizhao serve`.
func httpGet(port: Int, path: String) throws -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var response = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = recv(fd, &buffer, buffer.count, 0)
        if count <= 0 { break }
        response += buffer[0..<count]
    }
    return String(decoding: response, as: UTF8.self)
}
