/// The commented `schemagen.yml` that `schemagen init` writes: every key, the optional ones
/// commented out, so the file works as it is and documents itself.
public enum StarterConfig {
    public static let text = """
        # schemagen configuration. Every key is optional; options given on the command line win.
        # Paths are relative to this file. Reference: Documentation/Configuration.md in schemagen's repository.

        # Pages (.md, .markdown, .html, .htm) or folders searched recursively for them.
        inputs:
          - docs-input

        # The output folder: swift/, sql/, jsonschema/ and a manifest of what schemagen wrote.
        output: Generated

        # What to generate (default: all four).
        targets: [swift, postgres, sqlite, jsonschema]

        # Only these tables (default: every table the inputs define). Ids or patterns, where * is
        # any run of characters and ? one character; quote a pattern that starts with *.
        # Each must match a table. --table on the command line replaces this list.
        # tables: [aws.ec2_instance, "gcp.*"]

        # A folder whose <name>.mustache files replace the bundled templates of the same name.
        # templates: templates

        swift:
          # Access level of the generated declarations: public, package or internal.
          access: public
          # Put in front of every type name: DD makes aws.ec2_instance DDAWSEC2Instance.
          # typePrefix: DD
          # Declare every table type inside this enum: DDSQL.AWSEC2Instance.
          # namespace: DDSQL
          # `var` properties instead of `let` (each costs the compiler a setter and a modify accessor).
          # mutable: true
          # Also read DDSQL API results: types import DDSQLClient and conform to its DDSQLRow.
          # client: true
          # Swift files: type (one per table type), page (one per page) or service (one per service,
          # as in aws.ec2.swift; the fastest to compile for hundreds of tables).
          # fileNames: service
          # Type names by table id.
          # typeNames:
          #   aws.ec2_instance: EC2Instance
          # Property names by table id and column.
          # propertyNames:
          #   aws.ec2_instance:
          #     _key: rowKey
          # Swift types by DDSQL type (a base type's choice applies to its arrays too).
          # types:
          #   timestamp: String
          # Swift types by table id and column (these win over `types`).
          # columnTypes:
          #   aws.ec2_instance:
          #     tags: "[String: String]"

        # Columns that must be present and non-null, by table id: non-optional in Swift,
        # NOT NULL in SQL, listed in the JSON Schema's `required`.
        # required:
        #   aws.ec2_instance: [_key, instance_id]

        # A row with a column its page does not list: ignore (the default: Swift decoding skips it,
        # JSON Schemas allow it, `diff` reports an added column as info) or reject (Swift decoding
        # throws, JSON Schemas set additionalProperties: false, an added column is a warning).
        # unknownColumns: reject

        # Where `schemagen fetch` mirrors the docs site's data directory (the same settings as its
        # options, which win). Documentation/Fetch.md has the details.
        # fetch:
        #   folder: docs-input
        #   baseURL: https://docs.datadoghq.com
        #   namespaces: [aws, dd]
        #   tables: ["aws.ec2_*"]
        #   format: md
        #   concurrency: 8
        #   timeout: 30
        #   allowShrink: false

        """
}
