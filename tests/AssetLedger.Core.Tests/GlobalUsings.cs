global using AssetLedger.Core.Common;
global using AssetLedger.Testing;
