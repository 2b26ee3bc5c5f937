global using AssetLedger.Core.Common;
global using AssetLedger.Core.Tests.Support;
