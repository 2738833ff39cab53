namespace Adrn.Linkage.Output;

/// <summary>How a job may use an output folder (see <see cref="OutputFolder.Claim"/>).</summary>
public enum OutputFolderMode
{
    /// <summary>A new job: refused when the folder holds another job's outputs.</summary>
    New,

    /// <summary>A new job that replaces whatever outputs and job state the folder holds (<c>--force</c>).</summary>
    Replace,

    /// <summary>A resumed job: refused unless the folder belongs to it.</summary>
    Resume,
}
