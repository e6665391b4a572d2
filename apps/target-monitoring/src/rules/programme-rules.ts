import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { AlertRuleId } from '@redmet/contracts';
import type { Finding } from '../alerts/finding';
import { trailingYear } from '../common/months';
import type { Perspective } from '../common/perspective';
import { importDependence } from '../programme/import-dependence';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';
import type { TargetFigure } from '../programme/target-figure';
import { TargetsService } from '../targets/targets.service';
import { ExportCheck } from '../trade/export-check';
import { importDependenceFinding } from './import-dependence.finding';

export type ProgrammeFindings = Map<AlertRuleId, Map<string, Finding>>;

function targetFinding(figure: TargetFigure): Finding {
  const state = figure.status === 'off_track' ? 'off track' : 'at risk';
  return {
    title: `${figure.name}: ${state}`,
    message:
      `${figure.name} is ${figure.current} ${figure.unit} against ${figure.trajectory} expected on ${figure.asOf} ` +
      `(target ${figure.target.value} by ${figure.target.year}; forecast ${figure.forecast.value ?? 'unknown'}).`,
    details: {
      key: figure.key,
      name: figure.name,
      status: figure.status,
      unit: figure.unit,
      asOf: figure.asOf,
      current: figure.current,
      trajectory: figure.trajectory,
      forecast: figure.forecast.value,
      targetValue: figure.target.value,
      targetYear: figure.target.year,
    },
  };
}

/**
 * The rules about the programme as a whole, judged together: every subject
 * whose condition holds today. Subjects missing from a rule's map are resolved.
 */
@Injectable()
export class ProgrammeRules {
  constructor(
    private readonly targets: TargetsService,
    private readonly loader: ProgrammeInputsLoader,
    private readonly exportCheck: ExportCheck,
  ) {}

  async evaluate(perspective: Perspective): Promise<ProgrammeFindings> {
    const figures = await this.targets.figures(perspective);
    const byStatus = (status: TargetFigure['status']) =>
      new Map(figures.filter((f) => f.status === status).map((f) => [`target:${f.key}`, targetFinding(f)]));
    return new Map<AlertRuleId, Map<string, Finding>>([
      ['target.at_risk', byStatus('at_risk')],
      ['target.off_track', byStatus('off_track')],
      ['import_dependence.above_target', await this.productsAboveTrajectory(figures, perspective)],
      ['trade.export_discrepancy', await this.exportDiscrepancies()],
    ]);
  }

  /** Products whose own import dependence is above what the programme expects of the country today. */
  private async productsAboveTrajectory(
    figures: TargetFigure[],
    perspective: Perspective,
  ): Promise<Map<string, Finding>> {
    const expected = figures.find((figure) => figure.key === 'import-dependence')?.trajectory;
    if (!expected) return new Map();
    const window = trailingYear(perspective.asOf);
    const inputs = await this.loader.load([window], perspective);
    const findings = new Map<string, Finding>();
    for (const product of importDependence(inputs, window).products) {
      const name = inputs.catalogue.get(product.productCode)?.name ?? product.productCode;
      const finding = importDependenceFinding(product, name, expected, window);
      if (finding) findings.set(`product:${product.productCode}`, finding);
    }
    return findings;
  }

  private async exportDiscrepancies(): Promise<Map<string, Finding>> {
    const findings = new Map<string, Finding>();
    for (const item of await this.exportCheck.compare(null, null)) {
      if (item.withinTolerance) continue;
      const code = item.productCode ? `${item.hsCode} (${item.productCode})` : item.hsCode;
      findings.set(`exports:${item.hsCode}:${item.productCode ?? '*'}:${item.period}`, {
        title: `Exports under ${code} in ${item.period}: reports and customs differ`,
        message:
          `Producers reported ${item.reportedExportsTonnes} t of exports, customs recorded ${item.customsExportsTonnes} t ` +
          `(difference ${item.differenceTonnes} t, ${new Decimal(item.relativeDifference).times(100).toFixed(1)}%, ` +
          `tolerance ${new Decimal(item.tolerance).times(100).toFixed(1)}%).`,
        details: { ...item },
      });
    }
    return findings;
  }
}
