import { Component, type ReactNode } from 'react';
import { ErrorState } from './States';

/**
 * A screen that fails to render (its code could not be fetched, or it met an
 * answer it cannot show) says so where it would have been, inside the frame,
 * instead of leaving the whole page blank. Retrying reloads the page: a
 * screen's code that failed to load is not fetched again otherwise.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return <ErrorState error={this.state.error} onRetry={() => window.location.reload()} />;
  }
}
