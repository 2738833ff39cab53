namespace Adrn.Engine.Security;

/// <summary>A node was asked to listen on a non-loopback address without TLS, and insecure nodes are not allowed (<see cref="NodeExposure"/>).</summary>
public sealed class InsecureNodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    public InsecureNodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public InsecureNodeException()
        : this("A node may not listen on a non-loopback address without TLS.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InsecureNodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
