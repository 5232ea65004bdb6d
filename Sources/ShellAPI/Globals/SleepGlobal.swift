import Interpreter

/// `sleep(ms)`: waits on the shell's clock in slices of at most `slice` ms and checks for Ctrl-C between
/// them, so `sleep(100000)` stops with "Error: execution was interrupted" within a slice of the key press.
enum SleepGlobal {
    /// The longest single wait between two checks for Ctrl-C.
    static let slice = 50.0

    static func install(in interpreter: Interpreter, clock: @escaping () -> any ShellClock) {
        interpreter.defineGlobal(
            "sleep",
            .makeFunction(name: "sleep") { call in
                let milliseconds: Double
                switch call.argument(0) {
                case .undefined: milliseconds = 0
                case .number(let n): milliseconds = n.isNaN ? 0 : n
                case let other:
                    throw ShellError(
                        .invalidArgument,
                        "sleep() takes a number of milliseconds, found \(BSONBridge.describeType(other))")
                }
                try wait(milliseconds, on: clock(), interpreter: call.interpreter)
                return .undefined
            })
    }

    /// Waits `milliseconds` on `clock`, checking for Ctrl-C before each slice and after the last.
    static func wait(_ milliseconds: Double, on clock: any ShellClock, interpreter: Interpreter) throws {
        let deadline = clock.nowMilliseconds + milliseconds
        while true {
            try interpreter.checkInterrupted()
            let remaining = deadline - clock.nowMilliseconds
            guard remaining > 0 else { return }
            clock.sleep(milliseconds: min(remaining, slice))
        }
    }
}
