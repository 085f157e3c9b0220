from feast import Entity

courier = Entity(
    name="courier",
    join_keys=["courier_id"],
    description="A courier who accepts delivery jobs",
)

zone = Entity(name="zone", join_keys=["zone_id"], description="A city delivery zone")
