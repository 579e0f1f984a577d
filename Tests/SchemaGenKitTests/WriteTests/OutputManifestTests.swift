import Testing

@testable import SchemaGenKit

/// The manifest format: what a run writes, and what it accepts back.
@Suite struct OutputManifestTests {
    @Test func writesAVersionedHeaderThenSortedUniquePaths() {
        let manifest = OutputManifest(paths: ["b/z.swift", "B.swift", "a.sql", "b/z.swift", "é.txt"])
        #expect(
            String(decoding: manifest.bytes, as: UTF8.self) == """
                # schemagen-manifest v1 (files schemagen generated in this folder; do not edit)
                B.swift
                a.sql
                b/z.swift
                é.txt

                """)
    }

    @Test func readsBackWhatItWrites() throws {
        let manifest = OutputManifest(paths: ["x/y", "#hash at the start", " spaces kept "])
        #expect(try OutputManifest(parsing: manifest.bytes) == manifest)
        #expect(try OutputManifest(parsing: OutputManifest(paths: []).bytes).paths.isEmpty)
    }

    @Test func acceptsAMissingFinalLineBreak() throws {
        let parsed = try OutputManifest(parsing: Array("# schemagen-manifest v1\nb\na".utf8))
        #expect(parsed.paths == ["a", "b"])
    }

    @Test func pathsDifferingOnlyInUnicodeNormalizationStayDistinct() {
        // `é` precomposed and decomposed: equal as Swift strings, two files on Linux.
        let manifest = OutputManifest(paths: ["\u{E9}.txt", "e\u{301}.txt"])
        #expect(manifest.paths.count == 2)
    }
}
