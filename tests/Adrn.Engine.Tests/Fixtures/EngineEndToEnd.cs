namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// The end-to-end tests run one after another: each starts processes or runs whole jobs, and the
/// machine they run on may have two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineEndToEnd : ICollectionFixture<Baselines>
{
    public const string Name = "Engine end to end";
}
