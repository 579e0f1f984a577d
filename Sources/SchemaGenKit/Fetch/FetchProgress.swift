import Foundation

/// `pages done / total` on one rewritten line of standard error, for a person watching a terminal;
/// nothing at all otherwise (CI logs get the summary line only). Retries are said on lines of
/// their own, so a slow run explains itself.
public final class FetchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var total = 0
    private var done = 0
    private var lastDrawn: UInt64 = 0
    private var lineShown = false

    /// Shows progress only when `enabled` (the command passes "standard error is a terminal and not --quiet").
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Whether standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func start(total: Int) {
        lock.withLock {
            self.total = total
            done = 0
            draw(force: true)
        }
    }

    func pageDone() {
        lock.withLock {
            done += 1
            draw(force: done == total)
        }
    }

    /// A message on a line of its own (a retry), shown on a terminal only.
    func note(_ message: String) {
        lock.withLock {
            guard enabled else { return }
            clear()
            FileHandle.standardError.write(Data((message + "\n").utf8))
            draw(force: true)
        }
    }

    func finish() {
        lock.withLock { clear() }
    }

    /// At most ten redraws a second: a terminal is slower than 2,000 pages from a fast mirror.
    private func draw(force: Bool) {
        guard enabled, total > 0 else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDrawn > 100_000_000 else { return }
        lastDrawn = now
        FileHandle.standardError.write(Data("\r\u{1B}[Kfetching pages: \(done)/\(total)".utf8))
        lineShown = true
    }

    private func clear() {
        guard enabled, lineShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lineShown = false
    }
}
