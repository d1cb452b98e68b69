package io.vigil.testkit.server.keyspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set value. While every member is an integer and the set is small it is an {@code intset},
 * iterated in numeric order as Redis does; afterwards a {@code hashtable}, for good.
 */
public final class SetValue implements RedisValue {

  private final LinkedHashSet<Bytes> members = new LinkedHashSet<>();
  private boolean intset = true;

  /** The members (mutate through {@link #add}/{@link #remove}). */
  public Set<Bytes> members() {
    return members;
  }

  /** Adds a member; true when it is new. */
  public boolean add(Bytes member, EncodingLimits limits) {
    boolean added = members.add(member);
    if (added && intset && (members.size() > limits.setMaxIntsetEntries()
        || Numbers.parseLong(member.bytes()) == null)) {
      intset = false;
    }
    return added;
  }

  /** Removes a member; true when it was there. */
  public boolean remove(Bytes member) {
    return members.remove(member);
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** Whether {@code member} is in the set. */
  public boolean contains(Bytes member) {
    return members.contains(member);
  }

  /** Members in Redis's iteration order for this encoding. */
  public List<Bytes> ordered() {
    List<Bytes> list = new ArrayList<>(members);
    if (intset) {
      list.sort((a, b) -> Long.compare(Numbers.parseLong(a.bytes()), Numbers.parseLong(b.bytes())));
    }
    return list;
  }

  @Override
  public String typeName() {
    return "set";
  }

  @Override
  public String encoding() {
    return intset ? "intset" : "hashtable";
  }

  @Override
  public SetValue copy() {
    SetValue c = new SetValue();
    c.members.addAll(members);
    c.intset = intset;
    return c;
  }
}
