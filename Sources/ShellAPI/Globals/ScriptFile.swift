import Foundation
import Interpreter

/// Reading script files for `load()`, `--file` and the rc file, with Node's wording when that fails, as
/// mongosh reports it: `Error: ENOENT: no such file or directory, open '/abs/helpers.js'`.
package enum ScriptFile {
    /// The text of the script at `path` (UTF-8).
    package static func read(_ path: String) throws(ScriptFileError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ScriptFileError(path: path, errno: errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw ScriptFileError(path: path, errno: EISDIR)
        }
        let data: Data?
        do {
            data = try handle.readToEnd()
        } catch {
            throw ScriptFileError(path: path, errno: EIO)
        }
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    /// `path` made absolute against `folder` (or the current directory), with `.` and `..` removed.
    package static func resolve(_ path: String, relativeTo folder: String?) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        let base = folder ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }

    /// The folder that holds the script named `fileName`, or nil when the name is not a file
    /// (`<eval>`, `<repl>`, `<stdin>`): paths then resolve against the current directory.
    package static func folder(ofScript fileName: String) -> String? {
        guard !fileName.isEmpty, !fileName.hasPrefix("<") else { return nil }
        return URL(fileURLWithPath: fileName).deletingLastPathComponent().path
    }
}

/// A script file that could not be read; reads as Node's file-system errors do.
package struct ScriptFileError: Error, Equatable, JSErrorConvertible {
    /// The path as it was opened.
    package var path: String
    /// The POSIX error number.
    package var errno: Int32

    package var jsErrorName: String { "Error" }

    /// `ENOENT: no such file or directory, open '/abs/helpers.js'`.
    package var jsErrorMessage: String {
        switch errno {
        case ENOENT: "ENOENT: no such file or directory, open '\(path)'"
        case EACCES: "EACCES: permission denied, open '\(path)'"
        case EISDIR: "EISDIR: illegal operation on a directory, read"
        default: "\(String(cString: strerror(errno))), open '\(path)'"
        }
    }
}

/// A syntax error in a file that `load()` read, with that file's name, so the report points into it.
package struct LoadedFileSyntaxError: Error, JSErrorConvertible {
    /// The loaded file (absolute path).
    package var fileName: String
    /// The parser's error, positioned in that file.
    package var syntaxError: SyntaxError

    package init(fileName: String, syntaxError: SyntaxError) {
        self.fileName = fileName
        self.syntaxError = syntaxError
    }

    package var jsErrorName: String { "SyntaxError" }
    package var jsErrorMessage: String { syntaxError.message }
}

extension ScriptFile {
    /// Runs `body` with `__filename` and `__dirname` naming the script at `path` (made absolute), as mongosh
    /// sets them while it runs a file, so scripts written as `load(__dirname + '/helpers.js')` work. The
    /// previous values come back afterwards (`undefined` outside any file).
    package static func withFileGlobals<T>(
        _ path: String, in interpreter: Interpreter, _ body: () throws -> T
    ) rethrows -> T {
        let saved = (interpreter.global("__filename"), interpreter.global("__dirname"))
        let absolute = resolve(path, relativeTo: nil)
        interpreter.defineGlobal("__filename", .string(absolute))
        interpreter.defineGlobal("__dirname", .string(URL(fileURLWithPath: absolute).deletingLastPathComponent().path))
        defer {
            interpreter.defineGlobal("__filename", saved.0 ?? .undefined)
            interpreter.defineGlobal("__dirname", saved.1 ?? .undefined)
        }
        return try body()
    }
}
