import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { unitsFileSchema } from '../domain/units.js';
import { displayPath, parseYaml, validate, type Issue } from '../domain/yamlpos.js';
import { reviewFiles, reviewFileSchema } from '../domain/review.js';

/**
 * `thidua kb check` for data/clusters/<cluster>/review-<year>.yaml: the schema (file:line), the
 * cluster folder and the year of the file name against the file's own fields, and the cluster
 * against data/units.yaml. Returns the number of files checked.
 */
export function checkReviewFiles(dataDir: string, issues: Issue[]): number {
  const files = reviewFiles(dataDir);
  let clusters: Set<string> | undefined;
  const unitsFile = join(dataDir, 'units.yaml');
  if (existsSync(unitsFile)) {
    const r = unitsFileSchema.safeParse(parse(readFileSync(unitsFile, 'utf8')));
    if (r.success) clusters = new Set(r.data.clusters.map((c) => c.id));
  }
  for (const f of files) {
    const shown = displayPath(f.file);
    const { parsed, issues: yamlIssues } = parseYaml(readFileSync(f.file, 'utf8'), shown);
    issues.push(...yamlIssues);
    if (!parsed) continue;
    const { data, issues: schemaIssues } = validate(reviewFileSchema, parsed, shown);
    issues.push(...schemaIssues);
    if (!data) continue;
    if (data.cluster !== f.cluster)
      issues.push({ file: shown, line: parsed.lineOf(['cluster']), message: `cluster: "${data.cluster}" does not match the folder data/clusters/${f.cluster}/` });
    else if (clusters && !clusters.has(data.cluster))
      issues.push({ file: shown, line: parsed.lineOf(['cluster']), message: `cluster: "${data.cluster}" is not a cluster of units.yaml` });
    if (data.year !== f.year) issues.push({ file: shown, line: parsed.lineOf(['year']), message: `year: ${data.year} does not match the file name (review-${f.year}.yaml)` });
  }
  return files.length;
}
