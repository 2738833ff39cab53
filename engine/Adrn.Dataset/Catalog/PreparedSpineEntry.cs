namespace Adrn.Dataset.Catalog;

/// <summary>
/// A spine's representatives as the job of one link (source → spine) prepared them, in one version: the job's SHA-256 and
/// the prepared table (<c>record_key</c> and the standardised job columns). It may lag the spine (representatives changed
/// by waves of other sources since the job last ran); the next run of the job catches it up.
/// </summary>
internal sealed record PreparedSpineEntry(string Source, string Spine, string JobSha256, string PreparedObject, long Records);
