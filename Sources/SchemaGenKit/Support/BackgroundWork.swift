import Dispatch

/// Work started now and finished later on another thread: the run goes on while it runs, and
/// `wait` is where the run needs it done (before the output folder's lock is released).
final class BackgroundWork: Sendable {
    private let group = DispatchGroup()

    init() {}

    /// Starts `work` on another thread; `wait` returns once it, and all work started before, is done.
    func start(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(group: group, execute: work)
    }

    func wait() {
        group.wait()
    }
}
