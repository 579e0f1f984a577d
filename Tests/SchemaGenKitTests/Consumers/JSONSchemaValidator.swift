// Test support: a real JSON Schema validator (Python's `jsonschema`,
// Draft 2020-12, with its format checker so `format: date-time` is
// enforced).
//
// Every call starts one Python process for a whole batch: the jobs go to
// the script as JSON on stdin and the answers come back as JSON on stdout,
// so hundreds of checks cost one interpreter start (~0.2 s), not hundreds.
// Pass many jobs to `validate(_:)` / `schemaProblems(_:)` when you can.
//
// Schema checks done for every schema (by `checkSchema` and, before any
// instance is validated, by `validate`):
// - `Draft202012Validator.check_schema` (the 2020-12 meta-schema, with
//   formats, so e.g. an invalid `pattern` regex is caught); all meta-schema
//   errors are listed, not just the first;
// - the file must be JSON without duplicate keys;
// - a `$schema`, if present, must be the 2020-12 meta-schema URI;
// - every local `$ref` ("#..."), outside nested `$id` resources, must
//   resolve (check_schema alone doesn't look at references).
// Messages look like "$.properties.x.type: 12 is not valid under any of the
// given schemas" — the JSON path into the schema or instance, then
// jsonschema's message.

import Foundation

enum JSONSchemaValidatorError: Error, CustomStringConvertible {
    /// python3, jsonschema or a format-checker dependency is missing.
    case missingTool(String)
    /// The schema file failed the checks listed above.
    case invalidSchema(path: String, errors: [String])
    /// A job could not run (unreadable schema, invalid schema, instance
    /// that isn't JSON, unresolvable reference...).
    case jobFailed(index: Int, schemaPath: String, message: String)
    case pythonFailed(ProcessRunner.Result)
    case badResponse(String)

    var description: String {
        switch self {
        case .missingTool(let message):
            return message
        case .invalidSchema(let path, let errors):
            return "JSON Schema \(path) is invalid (draft 2020-12):\n"
                + errors.map { "  - " + $0 }.joined(separator: "\n")
        case .jobFailed(let index, let schemaPath, let message):
            return "validation job #\(index) (schema \(schemaPath)) could not run: \(message)"
        case .pythonFailed(let result):
            return "the jsonschema helper script failed: \(result)"
        case .badResponse(let message):
            return "unexpected output from the jsonschema helper script: \(message)"
        }
    }
}

enum JSONSchemaValidator {
    /// One instance to validate against one schema file.
    struct Job: Sendable {
        var schemaPath: String
        /// The instance as JSON text (any JSON value).
        var instanceJSON: String
    }

    /// Throws `invalidSchema` listing every problem if the schema at `path`
    /// is not a valid draft 2020-12 schema.
    static func checkSchema(_ path: String) throws {
        let problems = try schemaProblems([path])[0]
        if !problems.isEmpty {
            throw JSONSchemaValidatorError.invalidSchema(path: path, errors: problems)
        }
    }

    /// The problems of each schema file (empty = valid), in one Python run.
    static func schemaProblems(_ paths: [String]) throws -> [[String]] {
        let items = try runBatch(paths.map { Request.Job(op: "check", schema: $0, instance: nil) })
        return try items.enumerated().map { index, item in
            if let fatal = item.fatal {
                throw JSONSchemaValidatorError.jobFailed(index: index, schemaPath: paths[index], message: fatal)
            }
            return item.errors ?? []
        }
    }

    /// The validation errors of `instanceJSON` against the schema at
    /// `schemaPath` (empty = valid). Throws if the schema itself is invalid
    /// or the instance isn't JSON.
    static func validate(instanceJSON: String, schemaPath: String) throws -> [String] {
        try validate([Job(schemaPath: schemaPath, instanceJSON: instanceJSON)])[0]
    }

    /// Validation errors for each job, in order, from one Python run.
    static func validate(_ jobs: [Job]) throws -> [[String]] {
        let items = try runBatch(
            jobs.map { Request.Job(op: "validate", schema: $0.schemaPath, instance: $0.instanceJSON) })
        return try items.enumerated().map { index, item in
            if let fatal = item.fatal {
                throw JSONSchemaValidatorError.jobFailed(
                    index: index, schemaPath: jobs[index].schemaPath, message: fatal)
            }
            return item.errors ?? []
        }
    }

    /// The formats jsonschema's draft 2020-12 format checker enforces here
    /// (it silently skips formats whose optional dependency is missing).
    static func checkedFormats() throws -> [String] {
        try runScript(Request(jobs: [])).formats ?? []
    }

    // MARK: - Plumbing

    private struct Request: Encodable {
        struct Job: Encodable {
            var op: String
            var schema: String
            var instance: String?
        }
        var jobs: [Job]
    }

    private struct Response: Decodable {
        struct Item: Decodable {
            var errors: [String]?
            var fatal: String?
        }
        var setupError: String?
        var formats: [String]?
        var results: [Item]?
    }

    private static func runBatch(_ jobs: [Request.Job]) throws -> [Response.Item] {
        if jobs.isEmpty { return [] }
        let items = try runScript(Request(jobs: jobs)).results ?? []
        guard items.count == jobs.count else {
            throw JSONSchemaValidatorError.badResponse("\(items.count) results for \(jobs.count) jobs")
        }
        return items
    }

    private static func runScript(_ request: Request) throws -> Response {
        let python: String
        if let override = ProcessInfo.processInfo.environment["SCHEMAGEN_PYTHON"] {
            python = override
        } else {
            do {
                python = try ProcessRunner.require(
                    "python3",
                    package: "Install the Debian package `python3` and the pip packages `jsonschema` (4.18 or newer) "
                        + "and `rfc3339-validator`.")
            } catch {
                throw JSONSchemaValidatorError.missingTool("\(error)")
            }
        }
        let input = try JSONEncoder().encode(request)
        let result = try ProcessRunner.run(
            python, ["-c", script], input: .data(input),
            environment: ["PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"],
            timeout: 600)
        guard result.succeeded else { throw JSONSchemaValidatorError.pythonFailed(result) }
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: Data(result.stdout.utf8))
        } catch {
            throw JSONSchemaValidatorError.badResponse(
                "\(error)\n--- stdout ---\n\(ProcessRunner.truncated(result.stdout, limit: 2_000))\n--- stderr ---\n\(result.stderr)"
            )
        }
        if let setupError = response.setupError {
            throw JSONSchemaValidatorError.missingTool(setupError + " (python: \(python))")
        }
        return response
    }

    private static let script = #"""
        import json
        import sys

        META = "https://json-schema.org/draft/2020-12/schema"


        def reply(obj):
            sys.stdout.write(json.dumps(obj, ensure_ascii=True))
            sys.stdout.flush()


        def main():
            try:
                from jsonschema import Draft202012Validator as V
                from jsonschema.exceptions import SchemaError
                from referencing import Registry
                from referencing.jsonschema import DRAFT202012
            except Exception as e:
                reply({"setupError": "cannot import the Python package jsonschema (4.18 or newer): %s: %s. "
                       "Install it with `pip install 'jsonschema>=4.18' rfc3339-validator`, in a virtual environment on a "
                       "system Python that refuses pip (Debian 12's python3-jsonschema is 4.10, too old): .ci/run makes one "
                       "in .build/ci-python." % (type(e).__name__, e)})
                return
            checker = V.FORMAT_CHECKER
            formats = sorted(checker.checkers)
            if "date-time" not in checker.checkers:
                reply({"setupError": "jsonschema's format checker does not check 'date-time' because its optional "
                       "dependency is missing: `pip install rfc3339-validator`."})
                return

            request = json.loads(sys.stdin.buffer.read().decode("utf-8"))

            def path_of(parts):
                text = "$"
                for part in parts:
                    if isinstance(part, int):
                        text += "[%d]" % part
                    elif isinstance(part, str) and part.isidentifier():
                        text += "." + part
                    else:
                        text += "[" + json.dumps(part) + "]"
                return text

            def describe(error):
                return "%s: %s" % (path_of(error.absolute_path), error.message)

            def sorted_errors(validator, instance):
                errors = sorted(validator.iter_errors(instance), key=lambda e: (path_of(e.absolute_path), e.message))
                return [describe(e) for e in errors]

            def load_json_file(path):
                duplicates = []

                def pairs(items):
                    result = {}
                    for key, value in items:
                        if key in result:
                            duplicates.append(key)
                        result[key] = value
                    return result

                with open(path, "rb") as handle:
                    document = json.loads(handle.read().decode("utf-8"), object_pairs_hook=pairs)
                return document, duplicates

            def local_refs(node, path, out, is_root):
                if isinstance(node, dict):
                    if not is_root and isinstance(node.get("$id"), str):
                        return  # a nested resource: its "#..." refs are relative to it
                    ref = node.get("$ref")
                    if isinstance(ref, str) and ref.startswith("#"):
                        out.append((path + ["$ref"], ref))
                    for key, value in node.items():
                        if key in ("enum", "const", "examples", "default"):
                            continue  # data, not subschemas
                        local_refs(value, path + [key], out, False)
                elif isinstance(node, list):
                    for index, value in enumerate(node):
                        local_refs(value, path + [index], out, False)

            def dangling_refs(schema):
                if not isinstance(schema, dict):
                    return []
                refs = []
                local_refs(schema, [], refs, True)
                if not refs:
                    return []
                resource = DRAFT202012.create_resource(schema)
                base = resource.id() or "urn:schemagen:root"
                resolver = Registry().with_resource(base, resource).crawl().resolver(base_uri=base)
                problems = []
                for path, ref in refs:
                    try:
                        resolver.lookup(ref)
                    except Exception as e:
                        problems.append("%s: reference %s does not resolve (%s)" % (path_of(path), json.dumps(ref), type(e).__name__))
                return problems

            def schema_problems(schema, duplicates):
                problems = ["$: duplicate key %s in the schema file" % json.dumps(key) for key in duplicates]
                try:
                    V.check_schema(schema)
                except SchemaError as error:
                    meta = V(V.META_SCHEMA, format_checker=checker)
                    found = sorted_errors(meta, schema)
                    problems += found if found else ["%s: %s" % (path_of(error.absolute_path), error.message)]
                    return problems
                if isinstance(schema, dict):
                    declared = schema.get("$schema")
                    if declared is not None and (not isinstance(declared, str) or declared.rstrip("#") != META):
                        problems.append("$[\"$schema\"]: %s, but this harness validates with draft 2020-12 (%s)" % (json.dumps(declared), META))
                problems += dangling_refs(schema)
                return problems

            cache = {}

            def load(path):
                if path not in cache:
                    try:
                        schema, duplicates = load_json_file(path)
                    except Exception as e:
                        cache[path] = (None, None, "cannot read schema %s: %s: %s" % (path, type(e).__name__, e))
                    else:
                        cache[path] = (schema, schema_problems(schema, duplicates), None)
                return cache[path]

            validators = {}
            results = []
            for job in request["jobs"]:
                path = job["schema"]
                try:
                    schema, problems, load_error = load(path)
                    if job["op"] == "check":
                        results.append({"errors": [load_error] if load_error else problems})
                        continue
                    if load_error:
                        results.append({"fatal": load_error})
                        continue
                    if problems:
                        results.append({"fatal": "schema %s is invalid:\n%s" % (path, "\n".join(problems))})
                        continue
                    try:
                        instance = json.loads(job["instance"])
                    except ValueError as e:
                        results.append({"fatal": "the instance is not valid JSON: %s" % e})
                        continue
                    if path not in validators:
                        validators[path] = V(schema, format_checker=checker)
                    results.append({"errors": sorted_errors(validators[path], instance)})
                except Exception as e:
                    results.append({"fatal": "%s: %s" % (type(e).__name__, e)})
            reply({"formats": formats, "results": results})


        main()
        """#
}
