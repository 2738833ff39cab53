namespace Adrn.Engine.Workloads;

/// <summary>A file or folder a job makes a node read or write, and what it is to the job.</summary>
/// <param name="Description">What the job uses it for, e.g. <c>job file</c>, <c>source 'employees'</c>, <c>output folder</c>.</param>
/// <param name="Path">Its absolute path.</param>
public sealed record JobInput(string Description, string Path);
