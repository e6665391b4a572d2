import { loadDemoActivity } from './demo-activity';

/** `node load-demo-activity.js [gateway URL]`: npm start runs it after the demo registry and accounts. */
async function main(): Promise<void> {
  const gatewayUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
  const activity = await loadDemoActivity(gatewayUrl);
  if (activity.skipped) {
    console.log('Demo activity: already there');
    return;
  }
  console.log(
    `Demo activity: ${activity.reports.length} reports accepted, ` +
      `claims ${activity.claims.map((claim) => claim.state).join(' and ')}, ${activity.tradeRows} customs rows`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
