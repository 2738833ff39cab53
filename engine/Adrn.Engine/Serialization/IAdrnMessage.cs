namespace Adrn.Engine.Serialization;

/// <summary>
/// Marks the engine's messages and journal events, so that they cross process boundaries and
/// land in the journal as versionable JSON via <see cref="AdrnMessageSerializer"/>.
/// </summary>
public interface IAdrnMessage;
