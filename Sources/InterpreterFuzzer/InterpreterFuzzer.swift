// libFuzzer entry for the interpreter: each input is script text, run through lexer, parser and evaluator with a
// small step budget. Any outcome but a value or a thrown SyntaxError/ScriptError is a failure (a crash, a hang past
// libFuzzer's -timeout, or memory past its -rss_limit_mb).
//
// Fuzz build (libFuzzer runs the inputs):
//   swift build --product InterpreterFuzzer --build-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
//     -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
//   .build-fuzz/debug/InterpreterFuzzer -max_total_time=60 -timeout=5 -rss_limit_mb=2048
// Normal build: a runner that evaluates the files given as arguments the same way (to replay a crash input).
import Foundation
import Interpreter

/// Runs one input; returns normally for every outcome the interpreter is allowed to have.
func runFuzzInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let source = String(decoding: bytes, as: UTF8.self)
    let interpreter = Interpreter()
    interpreter.stepBudget = 20_000
    interpreter.maxCallDepth = 200
    do {
        _ = try interpreter.evaluate(source, fileName: "fuzz.js")
    } catch is SyntaxError {
    } catch is ScriptError {
    } catch {
        fatalError("unexpected error type \(type(of: error)): \(error)")
    }
}

#if FUZZING
    /// libFuzzer's per-input entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        if let data { runFuzzInput(UnsafeBufferPointer(start: data, count: size)) }
        return 0
    }

    /// libFuzzer's driver (SwiftPM links an executable's entry as `InterpreterFuzzer_main`, so this target supplies
    /// that entry and hands control to libFuzzer).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The executable's entry point: runs libFuzzer with `runFuzzInput` as the test function.
    @_cdecl("InterpreterFuzzer_main")
    public func fuzzerMain(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments) { data, size in fuzzerTestOneInput(data, size) }
    }
#else
    /// Replays inputs: `InterpreterFuzzer file…`.
    @main
    struct InterpreterFuzzerReplay {
        static func main() throws {
            for path in CommandLine.arguments.dropFirst() {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                data.withUnsafeBytes { runFuzzInput($0.bindMemory(to: UInt8.self)) }
                print("\(path): ok")
            }
        }
    }
#endif
