// swift-tools-version:6.0
// spsh: a shell for MongoDB Atlas Stream Processing and MongoDB. Layout and import rules: STYLE.md §1.
import PackageDescription

let package = Package(
    name: "spsh",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spsh", targets: ["spsh"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The `spsh serve` HTTP server (STYLE.md §1): replaces a hand-written server; costs about 3 minutes of a
        // clean build on 2 cores. Only the Workspace target links it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries: one importing target each (STYLE.md §2).
        .systemLibrary(
            name: "CMongoC", pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev", "pkg-config"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev", "pkg-config"])]),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev", "pkg-config"])]),
        .target(name: "CShims", dependencies: ["CCurl", "CEditLine"]),

        // Pure Swift.
        .target(name: "BSONCore"),
        .target(name: "Interpreter"),
        .target(name: "Formatting", dependencies: ["Interpreter", "BSONCore"]),
        .target(name: "StreamEngine", dependencies: ["BSONCore"]),
        .target(name: "ShellAPI", dependencies: ["Interpreter", "BSONCore", "StreamEngine"]),

        // Bridges to C.
        .target(name: "MongoBridge", dependencies: ["BSONCore", "CMongoC"]),
        .target(name: "AtlasClient", dependencies: ["CCurl", "CShims"]),
        .target(name: "REPL", dependencies: ["Interpreter", "ShellAPI", "Formatting", "CEditLine", "CShims"]),

        // `spsh serve`: the local workspace that speaks the Atlas Admin API (streams subset).
        .target(
            name: "Workspace",
            dependencies: [
                "StreamEngine", "MongoBridge", "BSONCore", .product(name: "Hummingbird", package: "hummingbird"),
            ]),

        .executableTarget(
            name: "spsh",
            dependencies: [
                "BSONCore", "Interpreter", "Formatting", "ShellAPI", "MongoBridge", "AtlasClient", "REPL", "Workspace",
                "StreamEngine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // libFuzzer target for the interpreter (see the header of Sources/InterpreterFuzzer/InterpreterFuzzer.swift).
        .executableTarget(name: "InterpreterFuzzer", dependencies: ["Interpreter"]),

        .target(name: "TestSupport", dependencies: ["BSONCore", "CShims"], path: "Sources/TestSupport"),

        .testTarget(name: "BSONCoreTests", dependencies: ["BSONCore", "TestSupport"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "TestSupport"]),
        .testTarget(
            name: "FormattingTests", dependencies: ["Formatting", "BSONCore", "Interpreter", "TestSupport"],
            resources: [.copy("Snapshots")]),
        .testTarget(name: "MongoBridgeTests", dependencies: ["MongoBridge", "BSONCore", "TestSupport"]),
        .testTarget(
            name: "AtlasClientTests", dependencies: ["AtlasClient", "TestSupport"], exclude: ["Peers"]),
        .testTarget(
            name: "ShellAPITests", dependencies: ["ShellAPI", "Interpreter", "BSONCore", "Formatting", "TestSupport"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "ShellAPI", "Interpreter", "TestSupport"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "spsh", "ShellAPI", "REPL", "MongoBridge", "AtlasClient", "Interpreter", "BSONCore", "TestSupport",
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: ["Workspace", "StreamEngine", "MongoBridge", "BSONCore", "TestSupport"]),
        .testTarget(name: "StreamEngineTests", dependencies: ["StreamEngine", "BSONCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
