package org.plinth.callbacks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A user's callback signing secret. */
@Entity
@Table(name = "callback_secret")
public class CallbackSecret {

    @Id
    String owner;
    String secret;
    @Column(name = "created_at")
    OffsetDateTime createdAt;

    public String owner() { return owner; }
    public String secret() { return secret; }
    public OffsetDateTime createdAt() { return createdAt; }
}
