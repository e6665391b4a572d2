import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError } from '@redmet/platform';
import { type Perspective, perspectiveOn } from '../common/perspective';
import { ConfigurationStore, type ConfigVersion } from '../configuration/configuration.store';
import { configKey, TARGET_KEYS, type TargetKey, type TargetSettings } from '../configuration/settings';
import { ProgrammeInputsLoader } from '../programme/programme-inputs.loader';
import { monthEnds, type TargetFigure, targetFigure, windowsNeeded } from '../programme/target-figure';

export type TargetPoint = Pick<TargetFigure, 'asOf' | 'current' | 'trajectory' | 'forecast' | 'status'> & {
  target: string;
};

@Injectable()
export class TargetsService {
  constructor(
    private readonly config: ConfigurationStore,
    private readonly loader: ProgrammeInputsLoader,
    private readonly clock: Clock,
  ) {}

  async figures(perspective: Perspective, keys: readonly TargetKey[] = TARGET_KEYS): Promise<TargetFigure[]> {
    const configs = await this.configs(perspective, keys);
    const settings = configs.map(([, config]) => config.value);
    const inputs = await this.loader.load(windowsNeeded(settings, [perspective.asOf]), perspective);
    return configs.map(([key, config]) => targetFigure(key, config, inputs, perspective));
  }

  async figure(key: TargetKey, perspective: Perspective): Promise<TargetFigure> {
    const [figure] = await this.figures(perspective, [key]);
    if (!figure) throw targetNotConfigured(key, perspective.asOf);
    return figure;
  }

  /**
   * One point per month end: as known now (inputs read once), or each as it
   * was known at the end of its own month.
   */
  async history(key: TargetKey, from: string, to: string, knowledge: Perspective['knowledge']): Promise<TargetPoint[]> {
    const days = monthEnds(from, to);
    const perspectives = days.map((asOf) => perspectiveOn(asOf, knowledge, this.clock));
    const figures =
      knowledge === 'then' ? await this.figuresThen(key, perspectives) : await this.figuresNow(key, perspectives);
    return figures.flat().map((figure) => ({
      asOf: figure.asOf,
      current: figure.current,
      trajectory: figure.trajectory,
      target: figure.target.value,
      forecast: figure.forecast,
      status: figure.status,
    }));
  }

  /** Each point with the configuration and inputs known at the end of its day. */
  private async figuresThen(key: TargetKey, perspectives: Perspective[]): Promise<TargetFigure[][]> {
    const configs = await Promise.all(perspectives.map((perspective) => this.configs(perspective, [key])));
    const inputs = await this.loader.loadAsKnownThen(
      perspectives.map((perspective, index) => ({
        day: perspective.asOf,
        windows: windowsNeeded(
          configs[index].map(([, config]) => config.value),
          [perspective.asOf],
        ),
      })),
    );
    return perspectives.map((perspective, index) =>
      configs[index].map(([, config]) => targetFigure(key, config, inputs[index], perspective)),
    );
  }

  private async figuresNow(key: TargetKey, perspectives: Perspective[]): Promise<TargetFigure[][]> {
    const last = perspectives[perspectives.length - 1];
    const configs = await Promise.all(perspectives.map((perspective) => this.configs(perspective, [key])));
    const settings = configs.flat().map(([, config]) => config.value);
    const windows = windowsNeeded(
      settings,
      perspectives.map((perspective) => perspective.asOf),
    );
    const inputs = await this.loader.load(windows, last);
    return Promise.all(
      perspectives.map(async (perspective, index) => {
        // Reference prices and factors in effect on each point's day.
        const references = await this.config.productReferences(perspective);
        return configs[index].map(([, config]) => targetFigure(key, config, { ...inputs, references }, perspective));
      }),
    );
  }

  private async configs(
    perspective: Perspective,
    keys: readonly TargetKey[],
  ): Promise<[TargetKey, ConfigVersion<TargetSettings>][]> {
    const found = await this.config.effective<TargetSettings>('target:', perspective);
    return keys.flatMap((key): [TargetKey, ConfigVersion<TargetSettings>][] => {
      const config = found.get(configKey.target(key));
      return config ? [[key, config]] : [];
    });
  }
}

function targetNotConfigured(key: string, asOf: string): NotFoundError {
  return new NotFoundError('TARGET.NOT_CONFIGURED', `Target ${key} has no configuration in effect on ${asOf}`, 'key');
}
