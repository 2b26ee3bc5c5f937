using AssetLedger.Host.CommandLine;

// The Host is the only composition root: the command line today, the web app and scheduler beside it.
return await Cli.RunAsync(args);
