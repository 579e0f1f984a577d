import Foundation
import Testing

@testable import SchemaGenKit

/// Row JSON timestamps as the generated `DDSQLJSON` coders write and read them, against Python's `datetime`
/// (the proleptic Gregorian calendar RFC 3339 uses, in exact integer arithmetic): before the Gregorian switch
/// of 1582, before 1970 (negative milliseconds), the year 9999, and instants between two milliseconds.
@Suite struct RowJSONTimestampTests {
    /// Instants to encode, in Unix microseconds. None is half a millisecond from a whole one, so rounding to
    /// the millisecond has one answer.
    static let instants: [Int64] = [
        -62_135_596_800_000_000,  // 0001-01-01T00:00:00Z
        -62_135_596_799_999_000,
        -30_610_224_000_000_000 + 123_000,  // 1000-01-01T00:00:00.123Z
        -12_219_292_800_000_000 - 1000,  // the last millisecond before the Gregorian calendar began
        -12_219_292_800_000_000,  // 1582-10-15, its first day
        -12_220_156_800_000_000,  // 1582-10-05, a day the Julian-to-Gregorian switch skipped
        -2_208_988_800_000_000 + 1_000,  // 1900-01-01T00:00:00.001Z
        -1_500_000, -1_001_000, -1_000_000, -999_000, -1000, -600, -400,
        0, 400, 999_600, 1_999_600,
        951_782_400_000_000 + 86_399_999_000,  // 2000-02-29T23:59:59.999Z
        1_700_000_000_123_000, 1_700_000_000_999_000,
        253_402_300_799_000_000, 253_402_300_799_999_000,  // 9999-12-31T23:59:59Z and .999Z
    ]

    /// Texts to decode: the encoder's forms, offsets, long fractions, and days that do not exist.
    static let texts = [
        "0001-01-01T00:00:00Z", "1000-01-01T00:00:00.123Z", "1582-10-04T23:59:59.999Z", "1582-10-10T12:00:00Z",
        "1582-10-15T00:00:00Z", "1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.9996Z", "1970-01-01T00:00:00Z",
        "1000-01-01T02:30:00+02:30", "1000-01-01T00:00:00-01:00", "2000-02-29T23:59:59.250Z",
        "9999-12-31T23:59:59.999Z", "1900-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z",
        "2023-01-01T24:00:00Z", "2023-01-01T00:00:00", "2023-01-01T00:00:00.Z", "2023-01-01 00:00:00Z",
    ]

    /// Python's answers, one line per argument: `e MICROSECONDS` the row JSON of the instant rounded to the
    /// millisecond, `d TEXT` the text's Unix milliseconds, or `invalid`.
    static let python = """
        import datetime, json, re, sys
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        for arg in sys.argv[1:]:
            kind, value = arg[0], arg[2:]
            if kind == 'e':
                ms = (int(value) + 500) // 1000
                d = epoch + datetime.timedelta(milliseconds=ms)
                text = f'{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}'
                print(json.dumps([text + (f'.{ms % 1000:03d}' if ms % 1000 else '') + 'Z']))
            else:
                # RFC 3339's date-time grammar (upper case), then the calendar's own checks.
                if not re.fullmatch(r'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)', value):
                    print('invalid'); continue
                try:
                    d = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
                except ValueError:
                    print('invalid'); continue
                delta = d - epoch
                print((delta.days * 86400 + delta.seconds) * 1000 + (delta.microseconds + 500) // 1000)
        """

    /// The same arguments through the generated coders.
    static let program = """
        import Foundation

        let reference: Int64 = 978_307_200_000
        for arg in CommandLine.arguments.dropFirst() {
            let value = String(arg.dropFirst(2))
            if arg.hasPrefix("e ") {
                let date = Date(timeIntervalSinceReferenceDate: Double(Int64(value)! - reference * 1000) / 1_000_000)
                print(String(decoding: try DDSQLJSON.encoder().encode([date]), as: UTF8.self))
            } else if let dates = try? DDSQLJSON.decoder().decode(
                [Date].self, from: JSONSerialization.data(withJSONObject: [value]))
            {
                print(Int64((dates[0].timeIntervalSinceReferenceDate * 1000).rounded()) + reference)
            } else {
                print("invalid")
            }
        }

        """

    @Test func timestampsMatchProlepticGregorianRFC3339() throws {
        let (table, _) = extract(Snippet(rows: "| At | at | core | timestamp |  |").page, path: "snippet.md")
        let (files, _) = Renderer(targets: [.swift], templates: .bundled).render(Schema(tables: [try #require(table)]))
        let output = try TemporaryDirectory()
        for file in files { _ = try output.write(file.path, bytes: file.bytes) }
        let scratch = try TemporaryDirectory()
        let executable = try SwiftCompiler.buildExecutable(
            sources: output.path + "/swift", main: Self.program, in: scratch.path)
        let arguments = Self.instants.map { "e \($0)" } + Self.texts.map { "d \($0)" }
        let python = try #require(ProcessRunner.which("python3"), "python3 not found on PATH")
        let expected = try ProcessRunner.run(python, ["-c", Self.python] + arguments, timeout: 60)
        #expect(expected.succeeded, "\(expected)")
        let actual = try ProcessRunner.run(executable, arguments, timeout: 60)
        #expect(actual.succeeded, "\(actual)")
        let pairs = zip(arguments, zip(actual.stdout.split(separator: "\n"), expected.stdout.split(separator: "\n")))
        #expect(expected.stdout.split(separator: "\n").count == arguments.count)
        for (argument, (swift, reference)) in pairs {
            #expect(swift == reference, "\(argument)")
        }
    }
}
