import Foundation

/// `Date` and `Date.prototype`.
extension Interpreter {
    static func thisDate(_ call: NativeCall) throws -> JSObject {
        guard case .object(let object) = call.this, object.kind == .date else {
            throw JSError.typeError("this is not a Date object.")
        }
        return object
    }

    /// The time value for `new Date(value)` with one argument.
    func dateTime(from value: JSValue) throws -> Double {
        if case .object(let object) = value, object.kind == .date { return object.time }
        let primitive = try toPrimitive(value, hint: .none)
        if case .string(let string) = primitive { return DateMath.parseISO(string, timeZone) ?? .nan }
        return try toNumber(primitive)
    }

    /// Time fields from arguments (year, month, day, hours, …) as `new Date(y, m, …)` and `Date.UTC` read them.
    func timeFromFields(_ arguments: [JSValue]) throws -> Double {
        var numbers = try arguments.prefix(7).map { try toNumber($0) }
        let defaults: [Double] = [.nan, 0, 1, 0, 0, 0, 0]
        while numbers.count < 7 { numbers.append(defaults[numbers.count]) }
        var year = numbers[0]
        if year.isFinite, (0...99).contains(year.rounded(.towardZero)) { year = 1900 + year.rounded(.towardZero) }
        return DateMath.makeTime(
            year: year, month: numbers[1], day: numbers[2], hours: numbers[3], minutes: numbers[4],
            seconds: numbers[5], milliseconds: numbers[6])
    }

    func installDate() {
        let prototype = realm.datePrototype
        let constructor = defineConstructor("Date", 7, prototype: prototype) { call in
            let interpreter = call.interpreter
            guard call.isConstruct else {
                return .string(DateFormatting.dateString(interpreter.now(), zone: interpreter.timeZone))
            }
            let time: Double
            switch call.arguments.count {
            case 0: time = interpreter.now()
            case 1: time = try interpreter.dateTime(from: call.arguments[0])
            default:
                time = DateMath.utc(fromLocal: try interpreter.timeFromFields(call.arguments), interpreter.timeZone)
            }
            return .object(JSObject.makeDate(milliseconds: time))
        }
        defineMethod(constructor, "now") { call in .number(call.interpreter.now().rounded(.down)) }
        defineMethod(constructor, "parse", 1) { call in
            .number(
                DateMath.parseISO(try call.interpreter.toString(call.argument(0)), call.interpreter.timeZone) ?? .nan)
        }
        defineMethod(constructor, "UTC", 7) { call in
            .number(Date.timeClip(try call.interpreter.timeFromFields(call.arguments)))
        }
        for name in ["getTime", "valueOf"] {
            defineMethod(prototype, name) { call in .number(try Self.thisDate(call).time) }
        }
        defineMethod(prototype, "toISOString") { call in
            guard let text = DateFormatting.isoString(try Self.thisDate(call).time) else {
                throw JSError.rangeError("Invalid time value")
            }
            return .string(text)
        }
        defineMethod(prototype, "toJSON", 1) { call in
            guard case .object(let object) = call.this, object.kind == .date else { return .null }
            return DateFormatting.isoString(object.time).map { .string($0) } ?? .null
        }
        defineMethod(prototype, "toString") { call in
            .string(DateFormatting.dateString(try Self.thisDate(call).time, zone: call.interpreter.timeZone))
        }
        defineMethod(prototype, "toDateString") { call in
            .string(DateFormatting.datePart(try Self.thisDate(call).time, zone: call.interpreter.timeZone))
        }
        defineMethod(prototype, "toTimeString") { call in
            .string(DateFormatting.timePart(try Self.thisDate(call).time, zone: call.interpreter.timeZone))
        }
        defineMethod(prototype, "toUTCString") { call in .string(DateFormatting.utcString(try Self.thisDate(call).time))
        }
        defineMethod(prototype, "toGMTString") { call in .string(DateFormatting.utcString(try Self.thisDate(call).time))
        }
        defineMethod(prototype, "getTimezoneOffset") { call in
            let time = try Self.thisDate(call).time
            guard time.isFinite else { return .number(.nan) }
            return .number(-DateMath.offset(call.interpreter.timeZone, atUTC: time) / 60000)
        }
        let getters: [(String, (DateMath.Fields) -> Int)] = [
            ("FullYear", \.year), ("Month", \.month), ("Date", \.day), ("Day", \.weekday), ("Hours", \.hours),
            ("Minutes", \.minutes), ("Seconds", \.seconds), ("Milliseconds", \.milliseconds),
        ]
        for (suffix, field) in getters {
            for isUTC in [true, false] {
                defineMethod(prototype, "get" + (isUTC ? "UTC" : "") + suffix) { call in
                    let time = try Self.thisDate(call).time
                    guard time.isFinite else { return .number(.nan) }
                    let shifted = isUTC ? time : time + DateMath.offset(call.interpreter.timeZone, atUTC: time)
                    return .number(field(DateMath.fields(shifted)))
                }
            }
        }
        defineMethod(prototype, "getYear") { call in
            let time = try Self.thisDate(call).time
            guard time.isFinite else { return .number(.nan) }
            return .number(DateMath.fields(time + DateMath.offset(call.interpreter.timeZone, atUTC: time)).year - 1900)
        }
        defineMethod(prototype, "setTime", 1) { call in
            let date = try Self.thisDate(call)
            date.time = Date.timeClip(try call.interpreter.toNumber(call.argument(0)))
            return .number(date.time)
        }
        // Setters: the index of the first field each one sets, in (year, month, day, hours, minutes, seconds, ms).
        let setters: [(String, Int, Int)] = [
            ("FullYear", 0, 3), ("Month", 1, 2), ("Date", 2, 1), ("Hours", 3, 4), ("Minutes", 4, 3),
            ("Seconds", 5, 2), ("Milliseconds", 6, 1),
        ]
        for (suffix, first, count) in setters {
            for isUTC in [true, false] {
                defineMethod(prototype, "set" + (isUTC ? "UTC" : "") + suffix, count) { call in
                    let date = try Self.thisDate(call)
                    let zone = call.interpreter.timeZone
                    var base = date.time
                    if !base.isFinite {
                        guard first == 0 else { return .number(.nan) }
                        base = 0
                    }
                    let local = isUTC ? base : base + DateMath.offset(zone, atUTC: base)
                    let f = DateMath.fields(local)
                    var values = [f.year, f.month, f.day, f.hours, f.minutes, f.seconds, f.milliseconds].map(
                        Double.init)
                    for index in 0..<min(count, call.arguments.count) {
                        values[first + index] = try call.interpreter.toNumber(call.arguments[index])
                    }
                    if call.arguments.isEmpty { values[first] = .nan }
                    let time = DateMath.makeTime(
                        year: values[0], month: values[1], day: values[2], hours: values[3], minutes: values[4],
                        seconds: values[5], milliseconds: values[6])
                    date.time = Date.timeClip(isUTC ? time : DateMath.utc(fromLocal: time, zone))
                    return .number(date.time)
                }
            }
        }
        let localeForms: [(String, Bool, Bool)] = [
            ("toLocaleString", true, true), ("toLocaleDateString", true, false), ("toLocaleTimeString", false, true),
        ]
        for (name, hasDate, hasTime) in localeForms {
            defineMethod(prototype, name) { call in
                let time = try Self.thisDate(call).time
                return .string(
                    DateFormatting.localeString(time, zone: call.interpreter.timeZone, date: hasDate, time: hasTime))
            }
        }
    }
}
