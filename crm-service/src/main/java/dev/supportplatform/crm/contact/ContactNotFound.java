package dev.supportplatform.crm.contact;

import dev.supportplatform.common.service.web.ApiException;

/** The agents.md "User not found" error, the same whether the id is unknown or belongs to another tenant. */
public final class ContactNotFound {

    private ContactNotFound() {
    }

    public static ApiException of(String key) {
        return ApiException.notFound("User not found", "User with ID '" + key + "' does not exist");
    }
}
