global using GatewayFs.Fs;
global using GatewayFs.TestKit.Conformance;
global using Xunit;
global using static GatewayFs.Tests.Conformance.Helpers;
