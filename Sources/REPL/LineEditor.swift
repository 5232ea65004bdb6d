import CEditLine
import CShims
import Foundation

/// Interactive line input on libedit: Emacs bindings, arrow keys, in-memory history recall, and Tab
/// completion through a closure. The only importer of CEditLine.
///
/// Owns its `EditLine` and `History` handles and frees them in `deinit`. Not thread-safe: use from one task.
package final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    /// The prompt libedit shows; read by the C prompt callback.
    fileprivate var promptCString: UnsafeMutablePointer<CChar>
    /// Candidates for the word before the cursor: (line up to the cursor) -> (replacement text for the
    /// current word, candidates). Set by the session.
    package var complete: ((String) -> (word: String, candidates: [String]))?

    /// Result of reading one line.
    package enum ReadResult: Equatable {
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or end of input.
        case endOfInput
    }

    package init?(programName: String, historySize: Int) {
        guard
            let el = el_init(
                programName, fdopen(STDIN_FILENO, "r"), fdopen(STDOUT_FILENO, "w"), fdopen(STDERR_FILENO, "w"))
        else { return nil }
        guard let hist = history_init() else {
            el_end(el)
            return nil
        }
        editLine = el
        history = hist
        promptCString = strdup("> ")
        _ = spsh_history_setsize(hist, Int32(historySize))
        _ = spsh_el_set_editor(el, "emacs")
        _ = spsh_el_set_hist(el, hist)
        _ = spsh_el_set_signal(el, 1)
        _ = spsh_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = spsh_el_set_prompt(el, lineEditorPrompt)
        _ = spsh_el_set_addfn(el, "spsh-complete", "Complete the word before the cursor", lineEditorComplete)
        _ = spsh_el_set_bind(el, "^I", "spsh-complete")
        el_source(el, nil)  // the user's ~/.editrc, as other libedit programs do
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptCString)
    }

    /// Shows `prompt` and reads one line, without its newline.
    package func readLine(prompt: String) -> ReadResult {
        free(promptCString)
        promptCString = strdup(prompt)
        InterruptSignal.clear()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            if count == -1 || InterruptSignal.isPending {
                InterruptSignal.clear()
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds an entry to the in-memory history (Up/Down recall).
    package func addHistory(_ entry: String) {
        _ = spsh_history_enter(history, entry)
    }

    fileprivate func completeCurrentWord() -> UInt8 {
        guard let complete, let info = el_line(editLine)?.pointee, let buffer = info.buffer else {
            return UInt8(CC_ERROR)
        }
        let length = info.cursor - buffer
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        let line = String(decoding: bytes, as: UTF8.self)
        let (word, candidates) = complete(line)
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = candidates.dropFirst().reduce(candidates[0]) { $0.commonPrefix(with: $1) }
        if common.hasPrefix(word), common.count > word.count {
            el_insertstr(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        if !common.hasPrefix(word), common.count >= word.count {
            // The candidates spell the word differently (`sp.Kaf` -> `sp["Kafka stock trade processor"]`, or
            // another letter case): replace it.
            el_deletestr(editLine, Int32(word.unicodeScalars.count))
            el_insertstr(editLine, common)
            return UInt8(CC_REFRESH)
        }
        if candidates.count > 1 {
            let listing = CompletionListing.lines(candidates, width: CompletionListing.terminalWidth())
            FileHandle.standardOutput.write(Data(("\n" + listing.joined(separator: "\n") + "\n").utf8))
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH)
    }
}

private func lineEditorPrompt(_ el: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let el, let data = spsh_el_get_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptCString
}

private func lineEditorComplete(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let data = spsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeCurrentWord()
}
