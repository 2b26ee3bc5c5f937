using AssetLedger.Host.CommandLine;
using AssetLedger.Host.Web;

// The Host is the only composition root: with no verb it serves the product (web and scheduler); with a verb it
// runs that command and exits.
return WebApp.IsServerStart(args) ? await WebApp.RunAsync(args, TimeProvider.System) : await Cli.RunAsync(args);
