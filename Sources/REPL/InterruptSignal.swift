import Foundation
import Synchronization

/// Ctrl-C: a SIGINT handler that records the signal, so a read returns and a running script stops.
///
/// The handler only stores into atomics (async-signal-safe). `onInterrupt` is polled by whoever runs code:
/// the session copies the flag into the interpreter's interrupt flag through `watch`.
package enum InterruptSignal {
    private static let pending = Atomic<Bool>(false)
    private static let presses = Atomic<Int>(0)
    private static let installed = Atomic<Bool>(false)

    package static var isPending: Bool { pending.load(ordering: .acquiring) }

    /// How many times Ctrl-C was pressed since the last `clear()`.
    package static var pressCount: Int { presses.load(ordering: .acquiring) }

    package static func clear() {
        pending.store(false, ordering: .releasing)
        presses.store(0, ordering: .releasing)
    }

    /// Installs the handler once (no SA_RESTART, so a blocked read returns with EINTR).
    package static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            InterruptSignal.pending.store(true, ordering: .releasing)
            InterruptSignal.presses.add(1, ordering: .acquiringAndReleasing)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (the mask survives exec); Ctrl-C must still arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
