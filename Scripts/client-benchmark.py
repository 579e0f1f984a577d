#!/usr/bin/env python3
"""How fast DDSQLClient reads a large DDSQL result into structs, against Python reading the same body.

usage: Scripts/client-benchmark.py [--rows N] [--runs N] [--seed N]

Times are CPU time of the decoding process (both sides are single-threaded, so on an idle machine this is the
wall time; on a shared one it is steadier). Writes a completed `/api/v2/ddsql/query/tabular` response of N rows (10,000 by default: the API's maximum) of
the 33 columns of aws.sagemaker_model_package (column-major, typed as the API types them: json columns as JSON
text, timestamps as Unix ms, hstores as objects), then times, best of --runs, each in its own process:
- Swift: DDSQLClientBenchmark (built here with `swift build -c release`) parsing the body and decoding every
  row into a struct of the generated shape (json columns checked and kept as `JSONText`, hstores into
  dictionaries and tag lists, timestamps into Date); and again, in a process of its own, then reading every
  json cell's `value` (a `JSONValue`), as a program that looks inside all of them would;
- Python: `json.loads` of the body plus transposing it into one dict per row (json columns left as text: the
  issue's comparison), and again doing the work the Swift path does (json columns parsed, timestamps made
  datetimes, hstores dicts of strings).
Prints the times, the ratio, and each process's peak memory (on Linux its own `VmHWM`: `ru_maxrss` would also count
this script's memory, inherited across fork and exec). Run by hand, not in CI.
"""
import argparse, datetime, json, os, random, resource, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COLUMNS = [
    ('_key', 'VARCHAR'), ('account_id', 'VARCHAR'), ('additional_inference_specifications', 'JSON'),
    ('approval_description', 'VARCHAR'), ('certify_for_marketplace', 'BOOLEAN'), ('created_by', 'JSON'),
    ('creation_time', 'TIMESTAMP'), ('customer_metadata_properties', 'HSTORE'), ('domain', 'VARCHAR'),
    ('drift_check_baselines', 'JSON'), ('inference_specification', 'JSON'), ('last_modified_by', 'JSON'),
    ('last_modified_time', 'TIMESTAMP'), ('metadata_properties', 'JSON'), ('model_approval_status', 'VARCHAR'),
    ('model_card', 'JSON'), ('model_life_cycle', 'JSON'), ('model_metrics', 'JSON'), ('model_package_arn', 'VARCHAR'),
    ('model_package_description', 'VARCHAR'), ('model_package_group_name', 'VARCHAR'),
    ('model_package_name', 'VARCHAR'), ('model_package_status', 'VARCHAR'), ('model_package_status_details', 'JSON'),
    ('model_package_version', 'BIGINT'), ('sample_payload_url', 'VARCHAR'), ('security_config', 'JSON'),
    ('skip_model_validation', 'VARCHAR'), ('source_algorithm_specification', 'JSON'), ('source_uri', 'VARCHAR'),
    ('tags', 'HSTORE'), ('task', 'VARCHAR'), ('validation_specification', 'JSON'),
]


def make_row(r, i):
    """One model package with values shaped like SageMaker's DescribeModelPackage."""
    group = f'group-{i % 97}'
    arn = f'arn:aws:sagemaker:us-east-1:123456789012:model-package/{group}/{i}'
    user = lambda: json.dumps({'UserProfileArn': f'arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/u{r.randrange(50)}',
                               'UserProfileName': f'user-{r.randrange(50)}', 'DomainId': 'd-abc123'})
    container = {'Image': f'123456789012.dkr.ecr.us-east-1.amazonaws.com/model:{i}',
                 'ModelDataUrl': f's3://bucket/models/{group}/{i}/model.tar.gz', 'Framework': 'PYTORCH',
                 'FrameworkVersion': '2.1', 'NearestModelName': 'resnet50'}
    inference = {'Containers': [container], 'SupportedContentTypes': ['application/json', 'text/csv'],
                 'SupportedResponseMIMETypes': ['application/json'],
                 'SupportedRealtimeInferenceInstanceTypes': ['ml.m5.large', 'ml.c5.xlarge'],
                 'SupportedTransformInstanceTypes': ['ml.m5.large']}
    maybe = lambda p, value: value if r.random() < p else None
    ms = 1_600_000_000_000 + r.randrange(200_000_000_000)
    return {
        '_key': arn, 'account_id': '123456789012',
        'additional_inference_specifications': maybe(0.3, json.dumps([dict(inference, Name='extra', Description='an extra spec')])),
        'approval_description': maybe(0.5, 'Approved after offline evaluation on the holdout set.'),
        'certify_for_marketplace': r.random() < 0.1,
        'created_by': user(), 'creation_time': ms,
        'customer_metadata_properties': {'team': 'ml-platform', 'stage': ['train', 'eval'], 'owner': f'user-{i % 13}'},
        'domain': 'COMPUTER_VISION',
        'drift_check_baselines': maybe(0.2, json.dumps({'Bias': {'ConfigFile': {'ContentType': 'application/json',
                                                                               'S3Uri': f's3://bucket/drift/{i}.json'}}})),
        'inference_specification': json.dumps(inference), 'last_modified_by': user(),
        'last_modified_time': ms + r.randrange(10_000_000),
        'metadata_properties': maybe(0.5, json.dumps({'CommitId': f'{r.getrandbits(64):016x}', 'Repository': 'git@x:ml/models',
                                                      'GeneratedBy': 'pipeline', 'ProjectId': f'p-{i % 31}'})),
        'model_approval_status': r.choice(['Approved', 'Rejected', 'PendingManualApproval']),
        'model_card': maybe(0.1, json.dumps({'ModelCardContent': '{"model_overview": {"model_name": "m"}}',
                                             'ModelCardStatus': 'Draft'})),
        'model_life_cycle': maybe(0.3, json.dumps({'Stage': 'Production', 'StageStatus': 'Approved',
                                                   'StageDescription': 'serving'})),
        'model_metrics': maybe(0.4, json.dumps({'ModelQuality': {'Statistics': {'ContentType': 'application/json',
                                                                               'S3Uri': f's3://bucket/metrics/{i}.json'}}})),
        'model_package_arn': arn, 'model_package_description': f'Model package {i} of {group}',
        'model_package_group_name': group, 'model_package_name': f'{group}-{i}',
        'model_package_status': 'Completed',
        'model_package_status_details': json.dumps({'ValidationStatuses': [], 'ImageScanStatuses': [
            {'Name': 'scan', 'Status': 'Completed'}]}),
        'model_package_version': i + 1,
        'sample_payload_url': maybe(0.5, f's3://bucket/payloads/{i}.tar.gz'),
        'security_config': maybe(0.2, json.dumps({'KmsKeyId': f'arn:aws:kms:us-east-1:123456789012:key/{i}'})),
        'skip_model_validation': 'None',
        'source_algorithm_specification': maybe(0.2, json.dumps({'SourceAlgorithms': [
            {'AlgorithmName': 'xgboost', 'ModelDataUrl': f's3://bucket/algo/{i}'}]})),
        'source_uri': maybe(0.3, f's3://bucket/source/{i}'),
        'tags': {'env': r.choice(['prod', 'staging']), 'team': ['ml', 'platform'], 'cost-center': str(i % 7)},
        'task': 'IMAGE_CLASSIFICATION',
        'validation_specification': maybe(0.2, json.dumps({'ValidationRole': 'arn:aws:iam::123456789012:role/v',
                                                           'ValidationProfiles': [{'ProfileName': 'p'}]})),
    }


def make_body(rows, seed):
    r = random.Random(seed)
    table = [make_row(r, i) for i in range(rows)]
    columns = [{'name': name, 'type': type_, 'values': [row[name] for row in table]} for name, type_ in COLUMNS]
    body = {'data': {'id': 'bench', 'type': 'ddsql_query_response',
                     'attributes': {'state': 'completed', 'columns': columns, 'warnings': []}},
            'meta': {'elapsed': 1234, 'request_id': 'bench-request'}}
    return json.dumps(body, ensure_ascii=False).encode('utf-8')


def convert(type_, value):
    """The like-for-like path: a value read as DDSQLClient reads it into the struct."""
    if value is None:
        return None
    if type_ == 'JSON':
        return json.loads(value) if isinstance(value, str) else value
    if type_ == 'TIMESTAMP':
        return datetime.datetime.fromtimestamp(value / 1000, datetime.timezone.utc)
    if type_ == 'HSTORE':
        return {k: ','.join(v) if isinstance(v, list) else v for k, v in value.items()}
    return value


def peak_kb():
    """This process's peak resident memory in KB: on Linux its address space's own high-water mark, since
    `ru_maxrss` carries over the parent's across fork and exec."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == 'darwin' else peak


def python_worker(path, runs, typed):
    """Runs in its own process: json.loads + transpose (+ value conversion when `typed`), best of `runs`;
    prints seconds and peak KB."""
    with open(path, 'rb') as f:
        body = f.read()
    best = None
    for _ in range(runs):
        start = time.process_time()
        document = json.loads(body)
        columns = document['data']['attributes']['columns']
        names = [c['name'] for c in columns]
        if typed:
            converted = [[convert(c['type'], v) for v in c['values']] for c in columns]
            rows = [dict(zip(names, values)) for values in zip(*converted)]
        else:
            rows = [dict(zip(names, values)) for values in zip(*(c['values'] for c in columns))]
        elapsed = time.process_time() - start
        assert len(rows) == len(columns[0]['values'])
        best = elapsed if best is None else min(best, elapsed)
        del document, columns, rows
    print(json.dumps({'seconds': best, 'peak_kb': peak_kb()}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=10_000)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--python-worker', help=argparse.SUPPRESS)
    parser.add_argument('--typed', action='store_true', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.python_worker:
        return python_worker(args.python_worker, args.runs, args.typed)

    print('building DDSQLClientBenchmark (release)...', file=sys.stderr)
    subprocess.run(['swift', 'build', '-c', 'release', '--product', 'DDSQLClientBenchmark'], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip() + '/DDSQLClientBenchmark'
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, 'response.json')
        body = make_body(args.rows, args.seed)
        with open(path, 'wb') as f:
            f.write(body)
        def swift_run(*extra):
            return json.loads(subprocess.run([binary, path, str(args.runs), *extra], check=True,
                                             capture_output=True, text=True).stdout)
        swift = swift_run()
        values = swift_run('--values')
        def python_run(*extra):
            return json.loads(subprocess.run([sys.executable, os.path.abspath(__file__), '--python-worker', path,
                                              '--runs', str(args.runs), *extra], check=True, capture_output=True,
                                             text=True).stdout)
        python = python_run()
        typed = python_run('--typed')
    print(f'body: {len(body) / 1e6:.1f} MB, {args.rows} rows x {len(COLUMNS)} columns, best of {args.runs}')
    print(f'Swift  DDSQLClient -> structs      {swift["seconds"] * 1000:8.1f} ms CPU   peak {swift["peak_kb"] / 1024:6.1f} MB'
          f'   ({swift["rows"]} rows; parse {swift["parse_seconds"] * 1000:.1f} ms, rows {swift["rows_seconds"] * 1000:.1f} ms)')
    print(f'Swift  + every json cell\'s value    {values["seconds"] * 1000:8.1f} ms CPU   peak {values["peak_kb"] / 1024:6.1f} MB'
          f'   (of which the values {values["values_seconds"] * 1000:.1f} ms)')
    print(f'Python json.loads + transpose      {python["seconds"] * 1000:8.1f} ms CPU   peak {python["peak_kb"] / 1024:6.1f} MB')
    print(f'Python + json columns parsed, timestamps and hstores converted (the same work as Swift)'
          f' {typed["seconds"] * 1000:8.1f} ms CPU   peak {typed["peak_kb"] / 1024:6.1f} MB')
    print(f'Swift is {python["seconds"] / swift["seconds"]:.2f}x as fast as json.loads + transpose (target: 2x), '
          f'{typed["seconds"] / swift["seconds"]:.2f}x as fast as the same work in Python; with every json value '
          f'read, {typed["seconds"] / values["seconds"]:.2f}x')


if __name__ == '__main__':
    main()
