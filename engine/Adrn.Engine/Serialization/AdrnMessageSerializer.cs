using System.Collections.Concurrent;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Adrn.Engine.Serialization;

/// <summary>
/// Serializes <see cref="IAdrnMessage"/> messages and journal events as UTF-8 JSON
/// (System.Text.Json), with the type's full name as manifest.
/// </summary>
/// <remarks>
/// NOTE: Akka's default (Newtonsoft, type names embedded in the payload) records the concrete
/// collection type behind an <c>IReadOnlyList</c>, such as a compiler-generated collection-expression
/// type it cannot construct again; plain JSON of the declared shapes replays reliably and keeps
/// the journal readable with any SQL client.
/// </remarks>
public sealed class AdrnMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier in the actor system (unique among serializers).</summary>
    public const int SerializerId = 4177;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
    private static readonly ConcurrentDictionary<string, Type> TypesByManifest = new(StringComparer.Ordinal);

    /// <summary>Creates the serializer.</summary>
    /// <param name="system">The actor system.</param>
    public AdrnMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.GetType().FullName!;
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = TypesByManifest.GetOrAdd(manifest, m =>
            typeof(AdrnMessageSerializer).Assembly.GetType(m)
            ?? throw new System.Runtime.Serialization.SerializationException(
                $"Unknown adrn message type '{m}': the journal or a remote node was written by another version of adrn."));
        return JsonSerializer.Deserialize(bytes, type, Options)
            ?? throw new System.Runtime.Serialization.SerializationException($"Empty payload for adrn message type '{manifest}'.");
    }
}
